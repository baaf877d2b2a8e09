package io.github.ddbbackup.core.error;

import org.jspecify.annotations.Nullable;

/** {@code LimitExceededException}: too many operations for this subscriber, e.g. more than 50 CreateBackup calls a second. */
public final class LimitExceededException extends ErrorResponseException.Throttled {

    public static final String CODE = "LimitExceededException";

    public LimitExceededException(@Nullable String errorMessage, int httpStatus, @Nullable String requestId) {
        super(CODE, errorMessage, httpStatus, requestId);
    }
}
