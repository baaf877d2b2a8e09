package io.github.ddbbackup.core.error;

import org.jspecify.annotations.Nullable;

/** {@code PointInTimeRecoveryUnavailableException}: point-in-time recovery is not enabled for the table. */
public final class PointInTimeRecoveryUnavailableException extends ErrorResponseException.InvalidRequest {

    public static final String CODE = "PointInTimeRecoveryUnavailableException";

    public PointInTimeRecoveryUnavailableException(@Nullable String errorMessage, int httpStatus,
                                                   @Nullable String requestId) {
        super(CODE, errorMessage, httpStatus, requestId);
    }
}
