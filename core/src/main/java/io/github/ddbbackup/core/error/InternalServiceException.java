package io.github.ddbbackup.core.error;

import org.jspecify.annotations.Nullable;

/** {@code InternalServiceException} (Resource Groups Tagging API): the service failed on its side. */
public final class InternalServiceException extends ErrorResponseException.ServerError {

    public static final String CODE = "InternalServiceException";

    public InternalServiceException(@Nullable String errorMessage, int httpStatus, @Nullable String requestId) {
        super(CODE, errorMessage, httpStatus, requestId);
    }
}
