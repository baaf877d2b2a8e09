package io.github.ddbbackup.core.error;

import org.jspecify.annotations.Nullable;

/** {@code InvalidSignatureException}: the request signature does not match the one computed by the server. */
public final class InvalidSignatureException extends ErrorResponseException.AuthRefused {

    public static final String CODE = "InvalidSignatureException";

    public InvalidSignatureException(@Nullable String errorMessage, int httpStatus, @Nullable String requestId) {
        super(CODE, errorMessage, httpStatus, requestId);
    }
}
