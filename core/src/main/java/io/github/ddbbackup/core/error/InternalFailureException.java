package io.github.ddbbackup.core.error;

import org.jspecify.annotations.Nullable;

/** {@code InternalFailure}: the request failed because of an unknown error or exception. */
public final class InternalFailureException extends ErrorResponseException.ServerError {

    public static final String CODE = "InternalFailure";

    public InternalFailureException(@Nullable String errorMessage, int httpStatus, @Nullable String requestId) {
        super(CODE, errorMessage, httpStatus, requestId);
    }
}
