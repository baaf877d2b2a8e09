package io.github.ddbbackup.reactor;

import io.github.ddbbackup.core.error.MalformedResponseException;
import org.jspecify.annotations.Nullable;

/**
 * A response body larger than the client's cap ({@link DynamoDbBackupClientBuilder#maxResponseBytes(int)}). The
 * connection is closed, not reused.
 */
public final class ResponseTooLargeException extends MalformedResponseException {

    public static final String CODE = "ResponseTooLarge";

    ResponseTooLargeException(long size, int cap, int httpStatus, @Nullable String requestId) {
        super(CODE, "response body of " + (size < 0 ? "more than " + cap : Long.toString(size))
                + " bytes exceeds the cap of " + cap + " bytes", httpStatus, requestId, null);
    }
}
