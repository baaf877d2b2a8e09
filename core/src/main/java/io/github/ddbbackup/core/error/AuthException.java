package io.github.ddbbackup.core.error;

import org.jspecify.annotations.Nullable;

/** The request's credentials or signature were refused. Not retryable: the request must change. */
public abstract class AuthException extends DynamoDbException {

    protected AuthException(String errorCode, @Nullable String errorMessage, int httpStatus,
                            @Nullable String requestId) {
        super(errorCode, errorMessage, httpStatus, requestId, false, false, null);
    }
}
