package io.github.ddbbackup.ratelimit.redis;

import io.github.ddbbackup.core.error.SharedRateLimiterUnavailableException;
import io.github.ddbbackup.ratelimit.RateLimitKey;
import org.jspecify.annotations.Nullable;

/**
 * No permit could be had from the shared budget in Redis: Redis refused the connection, dropped it, answered with an
 * error, or did not answer within {@link RedisRateLimiterBuilder#redisTimeout}. Under
 * {@link RedisFailurePolicy#failClosed()} callers see this error and no call is started; under
 * {@link RedisFailurePolicy#fallbackToLocal(int)} it is handled inside the limiter and only logged.
 *
 * <p>The message names the operation, region and Redis host and port, never a Redis password or an access key id.
 * Catch {@link SharedRateLimiterUnavailableException} to handle it without depending on this module.
 */
public final class RedisUnavailableException extends SharedRateLimiterUnavailableException {

    private final transient RateLimitKey key;
    private final String redis;

    RedisUnavailableException(RateLimitKey key, String redis, String budget, String reason, @Nullable Throwable cause) {
        super("No " + key.operation() + " permit from the shared rate limit in Redis at " + redis + " (region "
                + key.region() + ", budget " + budget + "): " + reason
                + "; failing closed (RedisFailurePolicy.failClosed) rather than risk the account's limit", cause);
        this.key = key;
        this.redis = redis;
    }

    /**
     * The budget no permit could be had for: the first key this limiter saw for it (keys differing only in endpoint,
     * or in access key when an account id is set, share a budget).
     */
    public RateLimitKey key() {
        return key;
    }

    /** Where Redis was expected, as {@code redis://host:port/database} (no credentials). */
    public String redis() {
        return redis;
    }
}
