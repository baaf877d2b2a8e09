package io.github.ddbbackup.ratelimit.redis;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;

/**
 * A {@link RedisRateLimiter}'s {@link RedisRateLimiter#metrics() counters} as Micrometer meters, read when the registry
 * is scraped: permits by where they came from (the shared budget in Redis, or the local fallback share while Redis
 * was unavailable), failed Redis calls, and whether Redis is asked now. The client's own meters (permits waited for,
 * refused) come from the client built with a registry; these add what only the Redis limiter knows. Micrometer is an
 * optional dependency of this module: only this class needs it.
 */
public final class RedisRateLimiterMeters implements MeterBinder {

    /** Permits granted, tagged {@code source}: {@value #FROM_REDIS} or {@value #FROM_FALLBACK}. */
    public static final String PERMITS = "ddb.backup.ratelimit.redis.permits";
    /** Redis calls that failed or timed out. */
    public static final String FAILURES = "ddb.backup.ratelimit.redis.failures";
    /** 1 while Redis is asked for permits, 0 during the retry interval after a failure. */
    public static final String AVAILABLE = "ddb.backup.ratelimit.redis.available";
    public static final String FROM_REDIS = "redis";
    public static final String FROM_FALLBACK = "local-fallback";

    private final RedisRateLimiter limiter;

    public RedisRateLimiterMeters(RedisRateLimiter limiter) {
        this.limiter = Objects.requireNonNull(limiter, "limiter");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder(PERMITS, limiter, l -> l.metrics().redisGrants()).tag("source", FROM_REDIS)
                .description("Permits granted by the Redis rate limiter, by source").register(registry);
        FunctionCounter.builder(PERMITS, limiter, l -> l.metrics().fallbackGrants()).tag("source", FROM_FALLBACK)
                .description("Permits granted by the Redis rate limiter, by source").register(registry);
        FunctionCounter.builder(FAILURES, limiter, l -> l.metrics().redisFailures())
                .description("Redis calls of the rate limiter that failed or timed out").register(registry);
        Gauge.builder(AVAILABLE, limiter, l -> l.metrics().redisAvailable() ? 1 : 0)
                .description("Whether the rate limiter asks Redis for permits now").register(registry);
    }
}
