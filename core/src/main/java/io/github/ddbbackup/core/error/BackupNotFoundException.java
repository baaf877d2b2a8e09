package io.github.ddbbackup.core.error;

import org.jspecify.annotations.Nullable;

/** {@code BackupNotFoundException}: the backup does not exist. */
public final class BackupNotFoundException extends ErrorResponseException.NotFound {

    public static final String CODE = "BackupNotFoundException";

    public BackupNotFoundException(@Nullable String errorMessage, int httpStatus, @Nullable String requestId) {
        super(CODE, errorMessage, httpStatus, requestId);
    }
}
