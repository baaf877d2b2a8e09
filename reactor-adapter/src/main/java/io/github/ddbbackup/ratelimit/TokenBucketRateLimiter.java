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
import java.util.function.LongSupplier;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * A {@link RateLimiter} with one Bucket4j token bucket per {@link RateLimitKey}, kept in this JVM.
 *
 * <p>Buckets are created on first use, shaped by {@link BucketShape}; the given Reactor {@link Scheduler} runs the
 * wake-up timers, and tells the time when it overrides {@code now} (with a {@code VirtualTimeScheduler} the whole
 * limiter runs on virtual time; Reactor's own schedulers only read the wall clock in milliseconds, so then the time is
 * {@link System#nanoTime}).
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
 * Operations without a limit are granted at once, without a bucket. Each bucket is shaped by {@link BucketShape}:
 * every permit costs its share of a window of {@code 1 s + }{@link RateLimits#jitterMargin()}, which spaces the
 * permits evenly. Permits asked for with {@link #permit} (the client's) are also counted the way the server counts
 * them, by when their requests can have reached it ({@link WireLog}): a permit waits while
 * {@code ceil(permitsPerSecond)} requests are unanswered or were answered less than a second ago, so that uneven
 * lags (timers, connections, scheduling, GC, a server reading late) never bunch more calls than the limit into one
 * second at the server, and cost only the round trips the calls actually have. Permits from {@link #acquire} are
 * spaced by the bucket alone.
 *
 * <p>The map of buckets grows by one entry per key ever used and is never pruned; with credentials that rotate
 * their access key (temporary credentials), each rotation adds one bucket per limited operation.
 */
public final class TokenBucketRateLimiter implements RateLimiter {

    private final RateLimits limits;
    private final Scheduler scheduler;
    private final LongSupplier nanoClock;
    private final TimeMeter clock;
    private final ConcurrentMap<RateLimitKey, TokenBucketLane> lanes = new ConcurrentHashMap<>();

    private TokenBucketRateLimiter(RateLimits limits, Scheduler scheduler) {
        this.limits = limits;
        this.scheduler = scheduler;
        this.nanoClock = nanoClock(scheduler);
        this.clock = new NanoTimeMeter(nanoClock);
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
     * A permit counted where the server counts, when its request reaches the wire: see {@link WireLog}. The client
     * asks for its permits this way.
     */
    @Override
    public Mono<SendPermit> permit(RateLimitKey key) {
        Objects.requireNonNull(key, "key");
        return limits.forKey(key)
                .map(limit -> lanes.computeIfAbsent(key, k -> newLane(k, limit)).permit())
                .orElseGet(() -> Mono.just(SendPermit.UNTRACKED));
    }

    private TokenBucketLane newLane(RateLimitKey key, RateLimit limit) {
        LocalBucketBuilder builder = Bucket.builder().withCustomTimePrecision(clock);
        for (Bandwidth bandwidth : BucketShape.configuration(limit, limits.jitterMargin()).getBandwidths()) {
            builder.addLimit(bandwidth);
        }
        WireLog wire = new WireLog((int) Math.ceil(limit.permitsPerSecond()), limits.maxJitterMargin(), nanoClock);
        return new TokenBucketLane(key, builder.build(), BucketShape.cost(limit, limits.jitterMargin().toNanos()),
                wire, scheduler, limits.maxWaiters());
    }

    /**
     * The clock the buckets and the wire logs are read from: the scheduler's own when it tells
     * the time itself (a {@code VirtualTimeScheduler}), else {@link System#nanoTime}. Reactor's schedulers do not:
     * {@link Scheduler#now}'s default reads the wall clock in whole milliseconds, and a wire log read in
     * milliseconds would free a place up to a millisecond before the server's window has moved on.
     */
    static LongSupplier nanoClock(Scheduler scheduler) {
        try {
            if (scheduler.getClass().getMethod("now", TimeUnit.class).getDeclaringClass() != Scheduler.class) {
                return () -> scheduler.now(TimeUnit.NANOSECONDS);
            }
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("Scheduler.now(TimeUnit) is part of Reactor's Scheduler", e);
        }
        return System::nanoTime;
    }

    /** Bucket4j's clock. */
    private record NanoTimeMeter(LongSupplier nanoClock) implements TimeMeter {
        @Override
        public long currentTimeNanos() {
            return nanoClock.getAsLong();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }
}
