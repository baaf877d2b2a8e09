package io.github.ddbbackup.core.error;

/** {@code InternalFailure}: the request failed because of an unknown error or exception. */
public final class InternalFailureException extends ErrorResponseException.ServerError {

    public static final String CODE = "InternalFailure";

    public InternalFailureException(String errorMessage, int httpStatus, String requestId) {
        super(CODE, errorMessage, httpStatus, requestId);
    }
}
