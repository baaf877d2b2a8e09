package io.github.ddbbackup.core.error;

/** Another operation on the same table or backup is under way. Not retried by the client. */
public abstract class InUseException extends DynamoDbException {

    protected InUseException(String errorCode, String errorMessage, int httpStatus, String requestId) {
        super(errorCode, errorMessage, httpStatus, requestId, false, false, null);
    }
}
