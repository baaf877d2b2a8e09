package io.github.ddbbackup.core.error;

import org.jspecify.annotations.Nullable;

/** {@code ContinuousBackupsUnavailableException}: backups have not yet been enabled for this table. Not retryable. */
public final class ContinuousBackupsUnavailableException extends ErrorResponseException.InvalidRequest {

    public static final String CODE = "ContinuousBackupsUnavailableException";

    public ContinuousBackupsUnavailableException(@Nullable String errorMessage, int httpStatus,
                                                 @Nullable String requestId) {
        super(CODE, errorMessage, httpStatus, requestId);
    }
}
