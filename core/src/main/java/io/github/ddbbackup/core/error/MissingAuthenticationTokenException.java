package io.github.ddbbackup.core.error;

/** {@code MissingAuthenticationToken}: the request carries no signature or no access key. */
public final class MissingAuthenticationTokenException extends ErrorResponseException.AuthRefused {

    public static final String CODE = "MissingAuthenticationToken";

    public MissingAuthenticationTokenException(String errorMessage, int httpStatus, String requestId) {
        super(CODE, errorMessage, httpStatus, requestId);
    }
}
