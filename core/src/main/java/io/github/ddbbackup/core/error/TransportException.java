package io.github.ddbbackup.core.error;


/**
 * The HTTP exchange failed without a complete response: connection refused or reset, connect or attempt timeout, the
 * connection pool exhausted. {@link #requestWritten()} tells whether the request may have reached the server; the
 * error is retryable when it did not, or when the operation is safe to repeat.
 */
public final class TransportException extends DynamoDbCallException {

    public static final String CODE = "TransportError";

    private final boolean requestWritten;

    TransportException(String message, boolean requestWritten, boolean retryable, Throwable cause) {
        super(CODE, message, 0, null, retryable, false, cause);
        this.requestWritten = requestWritten;
    }

    /** Whether the whole request had been written when the exchange failed. */
    public boolean requestWritten() {
        return requestWritten;
    }
}
