package io.github.ddbbackup.core.error;

import org.jspecify.annotations.Nullable;

/** DynamoDB failed on its side (5xx). Retryable. */
public abstract class ServerErrorException extends DynamoDbException {

    protected ServerErrorException(String errorCode, @Nullable String errorMessage, int httpStatus,
                                   @Nullable String requestId) {
        super(errorCode, errorMessage, httpStatus, requestId, true, false, null);
    }
}
