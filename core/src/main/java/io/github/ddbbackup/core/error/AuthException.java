package io.github.ddbbackup.core.error;

/** The request's credentials or signature were refused. Not retryable: the request must change. */
public abstract class AuthException extends DynamoDbException {

    protected AuthException(String errorCode, String errorMessage, int httpStatus, String requestId) {
        super(errorCode, errorMessage, httpStatus, requestId, false, false, null);
    }
}
