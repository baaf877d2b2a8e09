package io.github.ddbbackup.core.error;

import org.jspecify.annotations.Nullable;

/** {@code PaginationTokenExpiredException} (Resource Groups Tagging API): the pagination token is older than the API keeps it (15 minutes); start the listing again. */
public final class PaginationTokenExpiredException extends ErrorResponseException.InvalidRequest {

    public static final String CODE = "PaginationTokenExpiredException";

    public PaginationTokenExpiredException(@Nullable String errorMessage, int httpStatus, @Nullable String requestId) {
        super(CODE, errorMessage, httpStatus, requestId);
    }
}
