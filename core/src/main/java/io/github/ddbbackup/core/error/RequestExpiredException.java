package io.github.ddbbackup.core.error;

/** {@code RequestExpired}: the request's date is too far from the server's clock. */
public final class RequestExpiredException extends ErrorResponseException.AuthRefused {

    public static final String CODE = "RequestExpired";

    public RequestExpiredException(String errorMessage, int httpStatus, String requestId) {
        super(CODE, errorMessage, httpStatus, requestId);
    }
}
