package io.github.ddbbackup.core.error;

/** {@code InvalidEndpointException} (HTTP 421): the request was sent to the wrong endpoint. Not retryable. */
public final class InvalidEndpointException extends ErrorResponseException.InvalidRequest {

    public static final String CODE = "InvalidEndpointException";

    public InvalidEndpointException(String errorMessage, int httpStatus, String requestId) {
        super(CODE, errorMessage, httpStatus, requestId);
    }
}
