package io.github.ddbbackup.core.error;

import org.jspecify.annotations.Nullable;

/** {@code InvalidParameterException} (Resource Groups Tagging API): a request member is invalid. */
public final class InvalidParameterException extends ErrorResponseException.InvalidRequest {

    public static final String CODE = "InvalidParameterException";

    public InvalidParameterException(@Nullable String errorMessage, int httpStatus, @Nullable String requestId) {
        super(CODE, errorMessage, httpStatus, requestId);
    }
}
