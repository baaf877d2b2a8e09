package io.github.ddbbackup.core.error;


/**
 * A response body larger than the client's cap ({@link DynamoDbBackupClientBuilder#maxResponseBytes(int)}). The
 * connection is closed, not reused.
 */
public final class ResponseTooLargeException extends MalformedResponseException {

    public static final String CODE = "ResponseTooLarge";

    ResponseTooLargeException(long size, int cap, int httpStatus, String requestId) {
        super(CODE, "response body of " + (size < 0 ? "more than " + cap : Long.toString(size))
                + " bytes exceeds the cap of " + cap + " bytes", httpStatus, requestId, null);
    }
}
