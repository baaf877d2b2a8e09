package io.github.ddbbackup.core.error;

/** {@code ServiceUnavailable}: the service is temporarily unable to handle the request. */
public final class ServiceUnavailableException extends ErrorResponseException.ServerError {

    public static final String CODE = "ServiceUnavailable";

    public ServiceUnavailableException(String errorMessage, int httpStatus, String requestId) {
        super(CODE, errorMessage, httpStatus, requestId);
    }
}
