package io.github.ddbbackup.core.error;

/** {@code AccessDeniedException}: the credentials are not allowed to perform the operation. */
public final class AccessDeniedException extends ErrorResponseException.AuthRefused {

    public static final String CODE = "AccessDeniedException";

    public AccessDeniedException(String errorMessage, int httpStatus, String requestId) {
        super(CODE, errorMessage, httpStatus, requestId);
    }
}
