package io.github.ddbbackup.core.error;

import org.jspecify.annotations.Nullable;

/** {@code BackupInUseException}: another backup control plane operation on the table is under way. */
public final class BackupInUseException extends ErrorResponseException.InUse {

    public static final String CODE = "BackupInUseException";

    public BackupInUseException(@Nullable String errorMessage, int httpStatus, @Nullable String requestId) {
        super(CODE, errorMessage, httpStatus, requestId);
    }
}
