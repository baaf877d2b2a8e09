package io.github.ddbbackup.core.error;

import org.jspecify.annotations.Nullable;

/** {@code InternalServerError}: an error occurred on the server side. */
public final class InternalServerErrorException extends ErrorResponseException.ServerError {

    public static final String CODE = "InternalServerError";

    public InternalServerErrorException(@Nullable String errorMessage, int httpStatus, @Nullable String requestId) {
        super(CODE, errorMessage, httpStatus, requestId);
    }
}
