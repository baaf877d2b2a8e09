package io.github.ddbbackup.core.error;

import org.jspecify.annotations.Nullable;

/** {@code RequestLimitExceeded}: the account's request rate is exceeded. */
public final class RequestLimitExceededException extends ErrorResponseException.Throttled {

    public static final String CODE = "RequestLimitExceeded";

    public RequestLimitExceededException(@Nullable String errorMessage, int httpStatus, @Nullable String requestId) {
        super(CODE, errorMessage, httpStatus, requestId);
    }
}
