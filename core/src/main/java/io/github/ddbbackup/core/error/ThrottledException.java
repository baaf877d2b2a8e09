package io.github.ddbbackup.core.error;

import org.jspecify.annotations.Nullable;

/** DynamoDB asked the caller to slow down: retry later, with backoff. Retryable and throttling. */
public abstract class ThrottledException extends DynamoDbException {

    protected ThrottledException(String errorCode, @Nullable String errorMessage, int httpStatus,
                                 @Nullable String requestId) {
        super(errorCode, errorMessage, httpStatus, requestId, true, true, null);
    }
}
