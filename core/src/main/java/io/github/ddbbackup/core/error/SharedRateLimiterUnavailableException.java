package io.github.ddbbackup.core.error;

import org.jspecify.annotations.Nullable;

/**
 * A rate limiter whose budget is shared between processes (in Redis, say) could not be asked for a permit, and its
 * failure policy is to refuse rather than risk the account's limit: no call was started. Not retryable by the client.
 *
 * <p>Open to subclassing so that each shared limiter can report where its budget lives (the Redis limiter's
 * {@code RedisUnavailableException} names the Redis host and port); catch this type to handle any of them.
 */
public non-sealed class SharedRateLimiterUnavailableException extends ClientSideException {

    /**
     * @param message what could not be had and why; must not contain credentials
     * @param cause   the limiter's underlying failure, or {@code null}
     */
    public SharedRateLimiterUnavailableException(@Nullable String message, @Nullable Throwable cause) {
        super(message, false, cause);
    }
}
