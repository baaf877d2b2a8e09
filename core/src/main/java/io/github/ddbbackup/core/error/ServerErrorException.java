package io.github.ddbbackup.core.error;

/** DynamoDB failed on its side (5xx). Retryable. */
public abstract class ServerErrorException extends DynamoDbException {

    protected ServerErrorException(String errorCode, String errorMessage, int httpStatus, String requestId) {
        super(errorCode, errorMessage, httpStatus, requestId, true, false, null);
    }
}
