package io.github.ddbbackup.core.error;

/** {@code UnrecognizedClientException}: the access key or security token is not recognized. */
public final class UnrecognizedClientException extends ErrorResponseException.AuthRefused {

    public static final String CODE = "UnrecognizedClientException";

    public UnrecognizedClientException(String errorMessage, int httpStatus, String requestId) {
        super(CODE, errorMessage, httpStatus, requestId);
    }
}
