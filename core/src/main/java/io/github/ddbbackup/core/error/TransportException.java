package io.github.ddbbackup.core.error;

import org.jspecify.annotations.Nullable;

/**
 * The HTTP exchange failed without a complete response: connection refused or reset, connect or attempt timeout, the
 * connection pool exhausted. There is no status and no request id, since no response came. {@link #requestWritten()}
 * tells whether the request may have reached the server; the error is retryable when it did not, or when the
 * operation is safe to repeat.
 */
public final class TransportException extends ClientSideException {

    private final boolean requestWritten;

    /**
     * @param message        what failed, and whether before or after the request was written
     * @param requestWritten whether the whole request had been written
     * @param retryable      whether sending the request again is safe and may succeed
     * @param cause          the network or timeout failure
     */
    public TransportException(@Nullable String message, boolean requestWritten, boolean retryable, @Nullable Throwable cause) {
        super(message, retryable, cause);
        this.requestWritten = requestWritten;
    }

    /** Whether the whole request had been written when the exchange failed. */
    public boolean requestWritten() {
        return requestWritten;
    }
}
