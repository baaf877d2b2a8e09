package io.github.ddbbackup.ratelimit.redis;

/**
 * Counters of one {@link RedisRateLimiter} since it was built, for health checks and tests.
 *
 * @param redisGrants    permits granted from the shared budget in Redis
 * @param fallbackGrants permits granted by the local fallback bucket while Redis was unavailable
 * @param redisFailures  Redis calls that failed or timed out (each makes Redis unavailable for the retry interval)
 * @param redisAvailable whether Redis is asked for the next permit (false during the retry interval after a failure)
 */
public record RedisRateLimiterMetrics(long redisGrants, long fallbackGrants, long redisFailures,
                                      boolean redisAvailable) {
}
