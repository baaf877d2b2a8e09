package io.github.ddbbackup.ratelimit;

import io.github.ddbbackup.core.error.RateLimitQueueFullException;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucketBuilder;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * A {@link RateLimiter} with one Bucket4j token bucket per {@link RateLimitKey}, kept in this JVM.
 *
 * <p>Buckets are created on first use, shaped by {@link BucketShape} and read the time from the given
 * Reactor {@link Scheduler} ({@code scheduler.now(NANOSECONDS)}), which also runs the wake-up timers: with a
 * {@code VirtualTimeScheduler} the whole limiter runs on virtual time.
 *
 * <p>Semantics, per bucket:
 * <ul>
 *   <li>First come, first served: callers queue in subscription order and only the head of the queue takes tokens,
 *       so a later caller never starts before an earlier one still waiting.</li>
 *   <li>Waiting is one timer per bucket, set for the moment the head's token will be there (reserved in the bucket,
 *       so a late timer does not slow the pace); no thread sleeps. A permit granted after a wait is delivered on
 *       the scheduler's thread.</li>
 *   <li>Cancelling a waiter takes nothing from anybody: the callers behind it move up and are granted exactly when
 *       they would have been had it never asked.</li>
 *   <li>At most {@link RateLimits#maxWaiters()} callers wait; the next is refused at once with
 *       {@link RateLimitQueueFullException}.</li>
 * </ul>
 * Operations without a limit are granted at once, without a bucket. Each bucket is shaped by {@link BucketShape}
 * and every permit costs its share of a window of {@code 1 s + margin}, the margin learned from the timers' lateness
 * and the lags the client reports ({@link #wireLag}, {@link LearnedMargin}).
 *
 * <p>The map of buckets grows by one entry per key ever used and is never pruned; with credentials that rotate
 * their access key (temporary credentials), each rotation adds one bucket per limited operation.
 */
public final class TokenBucketRateLimiter implements RateLimiter {

    private final RateLimits limits;
    private final Scheduler scheduler;
    private final TimeMeter clock;
    private final LearnedMargin margin;
    private final ConcurrentMap<RateLimitKey, TokenBucketLane> lanes = new ConcurrentHashMap<>();

    private TokenBucketRateLimiter(RateLimits limits, Scheduler scheduler) {
        this.limits = limits;
        this.scheduler = scheduler;
        this.clock = new SchedulerClock(scheduler);
        this.margin = LearnedMargin.of(limits);
    }

    /**
     * A limiter applying {@code limits}, timed by {@code scheduler} (it must support delayed tasks, as
     * {@code Schedulers.parallel()} and {@code VirtualTimeScheduler} do).
     */
    public static TokenBucketRateLimiter create(RateLimits limits, Scheduler scheduler) {
        return new TokenBucketRateLimiter(Objects.requireNonNull(limits, "limits"),
                Objects.requireNonNull(scheduler, "scheduler"));
    }

    @Override
    public Mono<Void> acquire(RateLimitKey key) {
        Objects.requireNonNull(key, "key");
        return limits.forKey(key)
                .map(limit -> lanes.computeIfAbsent(key, k -> newLane(k, limit)).acquire())
                .orElse(Mono.empty());
    }

    /** The limits this limiter applies. */
    public RateLimits limits() {
        return limits;
    }

    /**
     * Learns the margin from {@code lag}, for limited operations; see {@link LearnedMargin}.
     */
    @Override
    public void wireLag(RateLimitKey key, Duration lag) {
        if (limits.forKey(key).isPresent()) {
            margin.wireLag(lag.toNanos());
        }
    }

    /** The margin this limiter has learned so far. */
    public Duration margin() {
        return margin.margin();
    }

    private TokenBucketLane newLane(RateLimitKey key, RateLimit limit) {
        LocalBucketBuilder builder = Bucket.builder().withCustomTimePrecision(clock);
        for (Bandwidth bandwidth : BucketShape.configuration(limit, limits.jitterMargin()).getBandwidths()) {
            builder.addLimit(bandwidth);
        }
        return new TokenBucketLane(key, builder.build(), () -> BucketShape.cost(limit, margin.nanos()), margin,
                scheduler, limits.maxWaiters());
    }

    /** Bucket4j's clock read from the scheduler, so that virtual time drives the buckets too. */
    private record SchedulerClock(Scheduler scheduler) implements TimeMeter {
        @Override
        public long currentTimeNanos() {
            return scheduler.now(TimeUnit.NANOSECONDS);
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }
}
