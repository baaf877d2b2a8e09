package io.github.ddbbackup.core.error;

import org.jspecify.annotations.Nullable;

/** {@code ThrottlingException}: the request rate is too high. */
public final class ThrottlingException extends ErrorResponseException.Throttled {

    public static final String CODE = "ThrottlingException";

    public ThrottlingException(@Nullable String errorMessage, int httpStatus, @Nullable String requestId) {
        super(CODE, errorMessage, httpStatus, requestId);
    }
}
