package io.github.ddbbackup.core.error;

import org.jspecify.annotations.Nullable;

/** {@code ExpiredTokenException}: the security token has expired. */
public final class ExpiredTokenException extends ErrorResponseException.AuthRefused {

    public static final String CODE = "ExpiredTokenException";

    public ExpiredTokenException(@Nullable String errorMessage, int httpStatus, @Nullable String requestId) {
        super(CODE, errorMessage, httpStatus, requestId);
    }
}
