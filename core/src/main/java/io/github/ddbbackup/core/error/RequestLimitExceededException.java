package io.github.ddbbackup.core.error;

/** {@code RequestLimitExceeded}: the account's request rate is exceeded. */
public final class RequestLimitExceededException extends ErrorResponseException.Throttled {

    public static final String CODE = "RequestLimitExceeded";

    public RequestLimitExceededException(String errorMessage, int httpStatus, String requestId) {
        super(CODE, errorMessage, httpStatus, requestId);
    }
}
