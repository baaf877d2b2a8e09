package io.github.ddbbackup.core.error;

/** DynamoDB asked the caller to slow down: retry later, with backoff. Retryable and throttling. */
public abstract class ThrottledException extends DynamoDbException {

    protected ThrottledException(String errorCode, String errorMessage, int httpStatus, String requestId) {
        super(errorCode, errorMessage, httpStatus, requestId, true, true, null);
    }
}
