package io.github.ddbbackup.core.error;

import org.jspecify.annotations.Nullable;

/** {@code ValidationException}: a request member breaks a constraint of the API. */
public final class ValidationException extends ErrorResponseException.InvalidRequest {

    public static final String CODE = "ValidationException";

    public ValidationException(@Nullable String errorMessage, int httpStatus, @Nullable String requestId) {
        super(CODE, errorMessage, httpStatus, requestId);
    }
}
