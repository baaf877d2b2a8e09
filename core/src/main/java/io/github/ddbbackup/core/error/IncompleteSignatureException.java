package io.github.ddbbackup.core.error;

/** {@code IncompleteSignature}: the request signature is not complete (malformed Authorization header). */
public final class IncompleteSignatureException extends ErrorResponseException.AuthRefused {

    public static final String CODE = "IncompleteSignature";

    public IncompleteSignatureException(String errorMessage, int httpStatus, String requestId) {
        super(CODE, errorMessage, httpStatus, requestId);
    }
}
