package io.github.ddbbackup.core.error;

import org.jspecify.annotations.Nullable;

/** {@code IncompleteSignature}: the request signature is not complete (malformed Authorization header). */
public final class IncompleteSignatureException extends ErrorResponseException.AuthRefused {

    public static final String CODE = "IncompleteSignature";

    public IncompleteSignatureException(@Nullable String errorMessage, int httpStatus, @Nullable String requestId) {
        super(CODE, errorMessage, httpStatus, requestId);
    }
}
