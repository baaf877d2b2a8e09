package io.github.ddbbackup.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;

/**
 * The Bucket4j shape of one {@link RateLimit}, for {@link TokenBucketRateLimiter} and for distributed backends that
 * must behave the same. The bucket holds time, not calls: it refills {@value #UNITS_PER_SECOND} units per second (one
 * per nanosecond), and a call costs the units of its share of a window of {@code 1 s + margin}:
 * {@code ceil((1 s + margin) / refillPerSecond)} in nanoseconds, rounded up so never faster than the limit, the
 * margin being {@link RateLimits#jitterMargin()}. The capacity is {@code burst} calls, so a full bucket lets
 * {@code burst} calls start at once, and never more. At most {@code ceil(permitsPerSecond)} calls then start in any
 * window of {@code 1 s + margin}; see {@link RateLimit} for the arithmetic. (When those calls reach the server is
 * another matter: the limiters count that apart, see {@link SendPermit}.)
 */
public final class BucketShape {

    /** The units the bucket refills per second: one per nanosecond. */
    public static final long UNITS_PER_SECOND = 1_000_000_000;

    private BucketShape() {
    }

    /**
     * The bucket enforcing {@code limit}: capacity {@code burst} calls at {@code leastMargin}, initially full.
     */
    public static BucketConfiguration configuration(RateLimit limit, Duration leastMargin) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(limit.burst() * cost(limit, leastMargin.toNanos()))
                        .refillGreedy(UNITS_PER_SECOND, Duration.ofSeconds(1))
                        .build())
                .build();
    }

    /** What one call costs, in units, when the window is stretched by {@code marginNanos}. */
    public static long cost(RateLimit limit, long marginNanos) {
        double windowNanos = (double) (Duration.ofSeconds(1).toNanos() + marginNanos);
        return (long) Math.ceil(windowNanos / limit.refillPerSecond());
    }
}
