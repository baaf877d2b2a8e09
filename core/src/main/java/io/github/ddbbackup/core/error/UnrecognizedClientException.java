package io.github.ddbbackup.core.error;

import org.jspecify.annotations.Nullable;

/** {@code UnrecognizedClientException}: the access key or security token is not recognized. */
public final class UnrecognizedClientException extends ErrorResponseException.AuthRefused {

    public static final String CODE = "UnrecognizedClientException";

    public UnrecognizedClientException(@Nullable String errorMessage, int httpStatus, @Nullable String requestId) {
        super(CODE, errorMessage, httpStatus, requestId);
    }
}
