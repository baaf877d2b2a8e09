package io.github.ddbbackup.core.error;

import org.jspecify.annotations.Nullable;

/** {@code TableInUseException}: the table is being created or deleted. */
public final class TableInUseException extends ErrorResponseException.InUse {

    public static final String CODE = "TableInUseException";

    public TableInUseException(@Nullable String errorMessage, int httpStatus, @Nullable String requestId) {
        super(CODE, errorMessage, httpStatus, requestId);
    }
}
