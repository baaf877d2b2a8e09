package io.github.ddbbackup.core.error;

import org.jspecify.annotations.Nullable;

/** {@code UnknownOperationException}: the X-Amz-Target names no known operation. */
public final class UnknownOperationException extends ErrorResponseException.InvalidRequest {

    public static final String CODE = "UnknownOperationException";

    public UnknownOperationException(@Nullable String errorMessage, int httpStatus, @Nullable String requestId) {
        super(CODE, errorMessage, httpStatus, requestId);
    }
}
