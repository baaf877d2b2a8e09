package io.github.ddbbackup.core.error;

/** {@code TableNotFoundException}: the source table does not exist in this account and region. */
public final class TableNotFoundException extends ErrorResponseException.NotFound {

    public static final String CODE = "TableNotFoundException";

    public TableNotFoundException(String errorMessage, int httpStatus, String requestId) {
        super(CODE, errorMessage, httpStatus, requestId);
    }
}
