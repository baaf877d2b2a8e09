package io.github.ddbbackup.core.error;

/**
 * The root of every error this library reports for a DynamoDB call: an error response from the service, a response
 * that could not be understood, or (in the client) a transport failure.
 *
 * <p>Catch a subclass by meaning ({@link ErrorResponseException.Throttled}, {@link ErrorResponseException.NotFound}, {@link ErrorResponseException.InUse},
 * {@link ErrorResponseException.AuthRefused}, {@link ErrorResponseException.InvalidRequest}, {@link ErrorResponseException.ServerError}) or a specific one
 * ({@link TableNotFoundException}). An error code this library does not know is reported as this type, with the code
 * kept in {@link #errorCode()}.
 */
public class DynamoDbCallException extends RuntimeException {

    private final String errorCode;
    private final String errorMessage;
    private final int httpStatus;
    private final String requestId;
    private final boolean retryable;
    private final boolean throttling;

    /**
     * @param errorCode    the code, e.g. {@code TableNotFoundException}, without namespace
     * @param errorMessage the service's message; may be empty, never {@code null}
     * @param httpStatus   the HTTP status, or 0 when no response was received
     * @param requestId    {@code x-amzn-RequestId}, or {@code null} when absent
     * @param retryable    whether trying the same request again may succeed
     * @param throttling   whether the error says to slow down
     * @param cause        the underlying failure, or {@code null}
     */
    public DynamoDbCallException(String errorCode, String errorMessage, int httpStatus, String requestId,
                             boolean retryable, boolean throttling, Throwable cause) {
        super(describe(errorCode, errorMessage, httpStatus, requestId), cause);
        this.errorCode = errorCode;
        this.errorMessage = errorMessage == null ? "" : errorMessage;
        this.httpStatus = httpStatus;
        this.requestId = requestId;
        this.retryable = retryable;
        this.throttling = throttling;
    }

    /** The error code without its namespace, e.g. {@code LimitExceededException}. */
    public String errorCode() {
        return errorCode;
    }

    /** The service's message; empty when it sent none. */
    public String errorMessage() {
        return errorMessage;
    }

    /** The HTTP status of the response, or 0 when none was received. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The {@code x-amzn-RequestId} of the response, or {@code null}. */
    public String requestId() {
        return requestId;
    }

    /** Whether the same request may succeed if sent again (after a delay). */
    public boolean isRetryable() {
        return retryable;
    }

    /** Whether DynamoDB asked the caller to slow down. Every throttling error is also retryable. */
    public boolean isThrottling() {
        return throttling;
    }

    private static String describe(String code, String message, int status, String requestId) {
        StringBuilder s = new StringBuilder(code);
        if (message != null && !message.isEmpty()) {
            s.append(": ").append(message);
        }
        s.append(" (HTTP ").append(status == 0 ? "none" : Integer.toString(status));
        if (requestId != null) {
            s.append(", request id ").append(requestId);
        }
        return s.append(')').toString();
    }
}
