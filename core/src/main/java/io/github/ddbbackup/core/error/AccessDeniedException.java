package io.github.ddbbackup.core.error;

import org.jspecify.annotations.Nullable;

/** {@code AccessDeniedException}: the credentials are not allowed to perform the operation. */
public final class AccessDeniedException extends ErrorResponseException.AuthRefused {

    public static final String CODE = "AccessDeniedException";

    public AccessDeniedException(@Nullable String errorMessage, int httpStatus, @Nullable String requestId) {
        super(CODE, errorMessage, httpStatus, requestId);
    }
}
