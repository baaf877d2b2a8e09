package io.github.ddbbackup.core.error;

import org.jspecify.annotations.Nullable;

/**
 * A response body larger than the client's cap ({@code DynamoDbBackupClientBuilder.maxResponseBytes}). The
 * connection is closed, not reused. Retryable, as any unusable response.
 */
public final class ResponseTooLargeException extends MalformedResponseException {

    /**
     * @param size       the declared size in bytes, or a negative number when the body was cut off while it was read
     * @param cap        the client's cap in bytes
     * @param httpStatus the response's HTTP status
     * @param requestId  the response's {@code x-amzn-RequestId}, or {@code null} when absent
     */
    public ResponseTooLargeException(long size, int cap, int httpStatus, @Nullable String requestId) {
        super("response body of " + (size < 0 ? "more than " + cap : Long.toString(size))
                + " bytes exceeds the cap of " + cap + " bytes", httpStatus, requestId, null);
    }
}
