package io.github.ddbbackup.core.error;

/** {@code InvalidClientTokenId}: the access key id does not exist. */
public final class InvalidClientTokenIdException extends ErrorResponseException.AuthRefused {

    public static final String CODE = "InvalidClientTokenId";

    public InvalidClientTokenIdException(String errorMessage, int httpStatus, String requestId) {
        super(CODE, errorMessage, httpStatus, requestId);
    }
}
