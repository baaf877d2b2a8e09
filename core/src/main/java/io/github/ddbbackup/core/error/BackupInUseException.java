package io.github.ddbbackup.core.error;

/** {@code BackupInUseException}: another backup control plane operation on the table is under way. */
public final class BackupInUseException extends ErrorResponseException.InUse {

    public static final String CODE = "BackupInUseException";

    public BackupInUseException(String errorMessage, int httpStatus, String requestId) {
        super(CODE, errorMessage, httpStatus, requestId);
    }
}
