package io.github.ddbbackup.core.error;

import org.jspecify.annotations.Nullable;

/** The table, backup or resource named in the request does not exist. Not retryable. */
public abstract class NotFoundException extends DynamoDbException {

    protected NotFoundException(String errorCode, @Nullable String errorMessage, int httpStatus,
                                @Nullable String requestId) {
        super(errorCode, errorMessage, httpStatus, requestId, false, false, null);
    }
}
