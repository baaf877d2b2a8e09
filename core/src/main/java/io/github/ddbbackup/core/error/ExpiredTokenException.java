package io.github.ddbbackup.core.error;

/** {@code ExpiredTokenException}: the security token has expired. */
public final class ExpiredTokenException extends ErrorResponseException.AuthRefused {

    public static final String CODE = "ExpiredTokenException";

    public ExpiredTokenException(String errorMessage, int httpStatus, String requestId) {
        super(CODE, errorMessage, httpStatus, requestId);
    }
}
