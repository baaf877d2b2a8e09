package io.github.ddbbackup.core.error;

/** {@code SerializationException}: the request body could not be read. */
public final class SerializationException extends ErrorResponseException.InvalidRequest {

    public static final String CODE = "SerializationException";

    public SerializationException(String errorMessage, int httpStatus, String requestId) {
        super(CODE, errorMessage, httpStatus, requestId);
    }
}
