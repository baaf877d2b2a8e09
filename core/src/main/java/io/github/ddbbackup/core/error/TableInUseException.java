package io.github.ddbbackup.core.error;

/** {@code TableInUseException}: the table is being created or deleted. */
public final class TableInUseException extends ErrorResponseException.InUse {

    public static final String CODE = "TableInUseException";

    public TableInUseException(String errorMessage, int httpStatus, String requestId) {
        super(CODE, errorMessage, httpStatus, requestId);
    }
}
