package io.github.ddbbackup.core.error;

import org.jspecify.annotations.Nullable;

/** {@code MissingAuthenticationToken}: the request carries no signature or no access key. */
public final class MissingAuthenticationTokenException extends ErrorResponseException.AuthRefused {

    public static final String CODE = "MissingAuthenticationToken";

    public MissingAuthenticationTokenException(@Nullable String errorMessage, int httpStatus,
                                               @Nullable String requestId) {
        super(CODE, errorMessage, httpStatus, requestId);
    }
}
