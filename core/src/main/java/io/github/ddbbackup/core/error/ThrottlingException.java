package io.github.ddbbackup.core.error;

/** {@code ThrottlingException}: the request rate is too high. */
public final class ThrottlingException extends ErrorResponseException.Throttled {

    public static final String CODE = "ThrottlingException";

    public ThrottlingException(String errorMessage, int httpStatus, String requestId) {
        super(CODE, errorMessage, httpStatus, requestId);
    }
}
