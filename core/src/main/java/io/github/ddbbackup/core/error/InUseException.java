package io.github.ddbbackup.core.error;

import org.jspecify.annotations.Nullable;

/** Another operation on the same table or backup is under way. Not retried by the client. */
public abstract class InUseException extends DynamoDbException {

    protected InUseException(String errorCode, @Nullable String errorMessage, int httpStatus,
                             @Nullable String requestId) {
        super(errorCode, errorMessage, httpStatus, requestId, false, false, null);
    }
}
