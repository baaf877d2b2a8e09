package io.github.ddbbackup.core.error;

import org.jspecify.annotations.Nullable;

/** {@code TableNotFoundException}: the source table does not exist in this account and region. */
public final class TableNotFoundException extends ErrorResponseException.NotFound {

    public static final String CODE = "TableNotFoundException";

    public TableNotFoundException(@Nullable String errorMessage, int httpStatus, @Nullable String requestId) {
        super(CODE, errorMessage, httpStatus, requestId);
    }
}
