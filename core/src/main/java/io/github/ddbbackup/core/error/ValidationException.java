package io.github.ddbbackup.core.error;

/** {@code ValidationException}: a request member breaks a constraint of the API. */
public final class ValidationException extends ErrorResponseException.InvalidRequest {

    public static final String CODE = "ValidationException";

    public ValidationException(String errorMessage, int httpStatus, String requestId) {
        super(CODE, errorMessage, httpStatus, requestId);
    }
}
