package io.github.ddbbackup.core.error;

/** {@code UnknownOperationException}: the X-Amz-Target names no known operation. */
public final class UnknownOperationException extends ErrorResponseException.InvalidRequest {

    public static final String CODE = "UnknownOperationException";

    public UnknownOperationException(String errorMessage, int httpStatus, String requestId) {
        super(CODE, errorMessage, httpStatus, requestId);
    }
}
