package io.github.ddbbackup.core.error;

/** The table, backup or resource named in the request does not exist. Not retryable. */
public abstract class NotFoundException extends DynamoDbException {

    protected NotFoundException(String errorCode, String errorMessage, int httpStatus, String requestId) {
        super(errorCode, errorMessage, httpStatus, requestId, false, false, null);
    }
}
