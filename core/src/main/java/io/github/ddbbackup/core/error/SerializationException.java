package io.github.ddbbackup.core.error;

import org.jspecify.annotations.Nullable;

/** {@code SerializationException}: the request body could not be read. */
public final class SerializationException extends ErrorResponseException.InvalidRequest {

    public static final String CODE = "SerializationException";

    public SerializationException(@Nullable String errorMessage, int httpStatus, @Nullable String requestId) {
        super(CODE, errorMessage, httpStatus, requestId);
    }
}
