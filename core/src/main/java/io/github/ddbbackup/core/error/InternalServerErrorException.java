package io.github.ddbbackup.core.error;

/** {@code InternalServerError}: an error occurred on the server side. */
public final class InternalServerErrorException extends ErrorResponseException.ServerError {

    public static final String CODE = "InternalServerError";

    public InternalServerErrorException(String errorMessage, int httpStatus, String requestId) {
        super(CODE, errorMessage, httpStatus, requestId);
    }
}
