package io.github.ddbbackup.core.error;

import org.jspecify.annotations.Nullable;

/** {@code InvalidClientTokenId}: the access key id does not exist. */
public final class InvalidClientTokenIdException extends ErrorResponseException.AuthRefused {

    public static final String CODE = "InvalidClientTokenId";

    public InvalidClientTokenIdException(@Nullable String errorMessage, int httpStatus, @Nullable String requestId) {
        super(CODE, errorMessage, httpStatus, requestId);
    }
}
