package io.github.ddbbackup.core.error;

import org.jspecify.annotations.Nullable;

/** {@code ServiceUnavailable}: the service is temporarily unable to handle the request. */
public final class ServiceUnavailableException extends ErrorResponseException.ServerError {

    public static final String CODE = "ServiceUnavailable";

    public ServiceUnavailableException(@Nullable String errorMessage, int httpStatus, @Nullable String requestId) {
        super(CODE, errorMessage, httpStatus, requestId);
    }
}
