package io.github.ddbbackup.core.error;

/** The request itself is wrong (validation, serialization, unknown operation). Not retryable. */
public abstract class BadRequestException extends DynamoDbException {

    protected BadRequestException(String errorCode, String errorMessage, int httpStatus, String requestId) {
        super(errorCode, errorMessage, httpStatus, requestId, false, false, null);
    }
}
