package io.github.ddbbackup.ratelimit.redis;

import io.github.ddbbackup.core.InvalidOptionException;
import io.github.ddbbackup.ratelimit.RateLimit;
import io.github.ddbbackup.ratelimit.RateLimits;
import io.github.ddbbackup.ratelimit.TokenBucketRateLimiter;
import java.util.Optional;

/**
 * What {@link RedisRateLimiter} does when Redis cannot be reached or does not answer within
 * {@link RedisRateLimiterBuilder#redisTimeout}. Either way nothing waits longer than that timeout, and Redis is not
 * asked again for {@link RedisRateLimiterBuilder#retryInterval} (then the next permit tries it again).
 *
 * <ul>
 *   <li>{@link #failClosed()} (the default): the permit is refused with {@link RedisUnavailableException}; no call
 *       starts without the shared budget's consent, so the account's limit is never put at risk, and the calls fail
 *       fast instead (the client does not retry this error).</li>
 *   <li>{@link #fallbackToLocal(int)}: the permit comes from a {@link TokenBucketRateLimiter} in this JVM holding a
 *       conservative share of each limit, so that {@code instances} processes falling back together stay within
 *       it. Work goes on, slower, and goes back to Redis once it answers again.</li>
 * </ul>
 */
public final class RedisFailurePolicy {

    private static final RedisFailurePolicy FAIL_CLOSED = new RedisFailurePolicy(0);

    /** 0 for fail-closed, else the number of instances sharing the budget. */
    private final int instances;

    private RedisFailurePolicy(int instances) {
        this.instances = instances;
    }

    /** Refuse permits with {@link RedisUnavailableException} while Redis is unavailable. */
    public static RedisFailurePolicy failClosed() {
        return FAIL_CLOSED;
    }

    /**
     * Grant permits from a local token bucket while Redis is unavailable, each limit divided among {@code instances}:
     * a limit of {@code C} calls per second becomes {@code floor(C / instances)} per second in each instance when that
     * is at least 1 (so {@code instances} buckets together never pass {@code C} in any window), else
     * {@code C / instances} (the long-run rate is still shared, though a single second may then see up to
     * {@code instances} calls). The burst is kept, capped by the share.
     *
     * @param instances how many processes share the Redis budget, at least 1; overestimating only slows the fallback
     */
    public static RedisFailurePolicy fallbackToLocal(int instances) {
        if (instances < 1) {
            throw new InvalidOptionException("RedisFailurePolicy.instances", instances,
                    "at least 1 (the number of processes sharing the budget)");
        }
        return new RedisFailurePolicy(instances);
    }

    /** Whether this policy falls back to a local bucket. */
    public boolean fallsBack() {
        return instances > 0;
    }

    /** The number of instances the limits are divided among when falling back; empty for fail-closed. */
    public Optional<Integer> instances() {
        return fallsBack() ? Optional.of(instances) : Optional.empty();
    }

    /** The limits of the local fallback bucket: {@code limits} with every rate divided as documented above. */
    RateLimits localShare(RateLimits limits) {
        return limits.withEach(this::share);
    }

    private RateLimit share(RateLimit limit) {
        double divided = limit.permitsPerSecond() / instances;
        double rate = divided >= 1 ? Math.floor(divided) : Math.max(divided, RateLimit.MIN_PERMITS_PER_SECOND);
        return new RateLimit(rate, (int) Math.min(limit.burst(), Math.ceil(rate)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RedisFailurePolicy other && instances == other.instances;
    }

    @Override
    public int hashCode() {
        return instances;
    }

    @Override
    public String toString() {
        return fallsBack() ? "RedisFailurePolicy.fallbackToLocal(" + instances + ")" : "RedisFailurePolicy.failClosed()";
    }
}
