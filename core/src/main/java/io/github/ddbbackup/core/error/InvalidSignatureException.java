package io.github.ddbbackup.core.error;

/** {@code InvalidSignatureException}: the request signature does not match the one computed by the server. */
public final class InvalidSignatureException extends ErrorResponseException.AuthRefused {

    public static final String CODE = "InvalidSignatureException";

    public InvalidSignatureException(String errorMessage, int httpStatus, String requestId) {
        super(CODE, errorMessage, httpStatus, requestId);
    }
}
