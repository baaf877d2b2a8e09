package io.github.ddbbackup.core.error;

/** {@code BackupNotFoundException}: the backup does not exist. */
public final class BackupNotFoundException extends ErrorResponseException.NotFound {

    public static final String CODE = "BackupNotFoundException";

    public BackupNotFoundException(String errorMessage, int httpStatus, String requestId) {
        super(CODE, errorMessage, httpStatus, requestId);
    }
}
