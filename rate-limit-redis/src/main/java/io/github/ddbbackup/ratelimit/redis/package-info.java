/**
 * Public API: a {@link io.github.ddbbackup.ratelimit.RateLimiter} whose budgets live in Redis
 * ({@link io.github.ddbbackup.ratelimit.redis.RedisRateLimiter}, built with
 * {@link io.github.ddbbackup.ratelimit.redis.RedisRateLimiterBuilder}), so that every process sharing an account
 * stays within DynamoDB's limits together, with a policy for when Redis is unavailable. The buckets and lanes behind
 * it are package-private.
 */
@NullMarked
package io.github.ddbbackup.ratelimit.redis;

import org.jspecify.annotations.NullMarked;
