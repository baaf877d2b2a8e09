package io.github.ddbbackup.core.error;

import org.jspecify.annotations.Nullable;

/** The request itself is wrong (validation, serialization, unknown operation). Not retryable. */
public abstract class BadRequestException extends DynamoDbException {

    protected BadRequestException(String errorCode, @Nullable String errorMessage, int httpStatus,
                                  @Nullable String requestId) {
        super(errorCode, errorMessage, httpStatus, requestId, false, false, null);
    }
}
