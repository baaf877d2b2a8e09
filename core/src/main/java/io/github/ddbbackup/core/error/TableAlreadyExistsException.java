package io.github.ddbbackup.core.error;

import org.jspecify.annotations.Nullable;

/** {@code TableAlreadyExistsException}: a table with the restore's target name already exists. */
public final class TableAlreadyExistsException extends ErrorResponseException.InUse {

    public static final String CODE = "TableAlreadyExistsException";

    public TableAlreadyExistsException(@Nullable String errorMessage, int httpStatus, @Nullable String requestId) {
        super(CODE, errorMessage, httpStatus, requestId);
    }
}
