/**
 * Public API, and the service-provider interface for rate limiting: the client asks a
 * {@link io.github.ddbbackup.ratelimit.RateLimiter} for a permit before every attempt, per
 * {@link io.github.ddbbackup.ratelimit.RateLimitKey} (endpoint, region, access key, operation). The default is
 * {@link io.github.ddbbackup.ratelimit.TokenBucketRateLimiter}, one token bucket per key in this JVM, shaped by
 * {@link io.github.ddbbackup.ratelimit.RateLimits}; an implementation sharing one budget across processes (as
 * {@code ddb-backup-rate-limit-redis} does) builds on the same public types: the bucket shape
 * ({@link io.github.ddbbackup.ratelimit.BucketShape}), the permits the client reports on
 * ({@link io.github.ddbbackup.ratelimit.SendPermit}: written, answered, never sent) and the first-come, first-served
 * {@link io.github.ddbbackup.ratelimit.WaitingLine}.
 */
@NullMarked
package io.github.ddbbackup.ratelimit;

import org.jspecify.annotations.NullMarked;
