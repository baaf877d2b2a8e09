package io.github.ddbbackup.core.error;

import org.jspecify.annotations.Nullable;

/** {@code InvalidEndpointException} (HTTP 421): the request was sent to the wrong endpoint. Not retryable. */
public final class InvalidEndpointException extends ErrorResponseException.InvalidRequest {

    public static final String CODE = "InvalidEndpointException";

    public InvalidEndpointException(@Nullable String errorMessage, int httpStatus, @Nullable String requestId) {
        super(CODE, errorMessage, httpStatus, requestId);
    }
}
