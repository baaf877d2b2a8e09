package io.github.ddbbackup.core.error;

/** {@code ContinuousBackupsUnavailableException}: backups have not yet been enabled for this table. Not retryable. */
public final class ContinuousBackupsUnavailableException extends ErrorResponseException.InvalidRequest {

    public static final String CODE = "ContinuousBackupsUnavailableException";

    public ContinuousBackupsUnavailableException(String errorMessage, int httpStatus, String requestId) {
        super(CODE, errorMessage, httpStatus, requestId);
    }
}
