package io.github.ddbbackup.ratelimit;

import io.github.ddbbackup.core.error.RateLimitQueueFullException;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The limits a client applies, per operation, with named defaults. Immutable: every {@code with...} returns a copy.
 * An operation without a limit is not limited at all.
 *
 * <h2>Jitter margin</h2>
 * DynamoDB counts calls when they arrive, not when we start them, and a timer on a busy machine fires a little late.
 * With calls spaced exactly {@code 1/C} apart, the {@code C+1}-th call starts exactly 1 second after the first, so
 * if the first is delayed by even a millisecond more than the later one, the server (or a test watching the
 * server) sees {@code C+1} calls in some 1-second window. The limiter therefore keeps its ceiling over a window of
 * {@code 1 s + jitterMargin} instead of 1 second. The default, {@link #DEFAULT_JITTER_MARGIN} = 25 ms, absorbs
 * timer lateness and the uneven delays of a busy event loop at a cost of 2.4% of the long-run rate (CreateBackup
 * runs at 48.8 per second: 1,000 calls start within 20.5 s instead of 19.98 s). 10 ms was not enough: on a loaded
 * 2-core machine the emulator saw 51 calls in one window of a 300-table run. Set it to {@link Duration#ZERO} to run
 * at exactly the stated rate, or raise it for a long, jittery network path.
 */
public final class RateLimits {

    /** The default bound on callers waiting for one budget: 200 seconds of CreateBackup calls at 50 per second. */
    public static final int DEFAULT_MAX_WAITERS = 10_000;

    /** The default stretch of the 1-second window; see the class comment. */
    public static final Duration DEFAULT_JITTER_MARGIN = Duration.ofMillis(25);

    /** The largest jitter margin accepted: beyond it the limit would no longer resemble a per-second one. */
    public static final Duration MAX_JITTER_MARGIN = Duration.ofSeconds(1);

    /** No operation limited; default waiter bound and margin. */
    public static final RateLimits NONE = new RateLimits(Map.of(), DEFAULT_MAX_WAITERS, DEFAULT_JITTER_MARGIN);

    /**
     * DynamoDB's documented control-plane limits: CreateBackup 50 calls per second; DescribeBackup, DeleteBackup and
     * DescribeContinuousBackups 10; ListBackups 5; ListTables not limited. Burst 1 each.
     */
    public static final RateLimits DYNAMODB_DEFAULTS = NONE
            .with("CreateBackup", RateLimit.perSecond(50))
            .with("DescribeBackup", RateLimit.perSecond(10))
            .with("DeleteBackup", RateLimit.perSecond(10))
            .with("DescribeContinuousBackups", RateLimit.perSecond(10))
            .with("ListBackups", RateLimit.perSecond(5));

    private final Map<String, RateLimit> limits;
    private final int maxWaiters;
    private final Duration jitterMargin;

    private RateLimits(Map<String, RateLimit> limits, int maxWaiters, Duration jitterMargin) {
        this.limits = Collections.unmodifiableMap(new TreeMap<>(limits));
        this.maxWaiters = maxWaiters;
        this.jitterMargin = jitterMargin;
    }

    /** A copy in which {@code operation} (e.g. {@code CreateBackup}) is limited by {@code limit}. */
    public RateLimits with(String operation, RateLimit limit) {
        requireOperation(operation);
        Objects.requireNonNull(limit, "limit");
        Map<String, RateLimit> copy = new TreeMap<>(limits);
        copy.put(operation, limit);
        return new RateLimits(copy, maxWaiters, jitterMargin);
    }

    /** A copy in which {@code operation} is not limited. */
    public RateLimits without(String operation) {
        requireOperation(operation);
        Map<String, RateLimit> copy = new TreeMap<>(limits);
        copy.remove(operation);
        return new RateLimits(copy, maxWaiters, jitterMargin);
    }

    /** The limit of {@code operation}, empty when it is not limited. */
    public Optional<RateLimit> forOperation(String operation) {
        return Optional.ofNullable(limits.get(operation));
    }

    /** Every limited operation and its limit, sorted by name. */
    public Map<String, RateLimit> limits() {
        return limits;
    }

    /** How many callers may wait for one budget; the next one is refused with {@link RateLimitQueueFullException}. */
    public int maxWaiters() {
        return maxWaiters;
    }

    /** A copy with another waiter bound, at least 1. */
    public RateLimits withMaxWaiters(int maxWaiters) {
        if (maxWaiters < 1) {
            throw new IllegalArgumentException("RateLimits.maxWaiters: " + maxWaiters + " violates at least 1");
        }
        return new RateLimits(limits, maxWaiters, jitterMargin);
    }

    /** How much the 1-second window is stretched to absorb jitter; see the class comment. */
    public Duration jitterMargin() {
        return jitterMargin;
    }

    /** A copy with another jitter margin, {@code 0..1 s}. */
    public RateLimits withJitterMargin(Duration jitterMargin) {
        if (jitterMargin == null || jitterMargin.isNegative() || jitterMargin.compareTo(MAX_JITTER_MARGIN) > 0) {
            throw new IllegalArgumentException("RateLimits.jitterMargin: " + jitterMargin + " violates 0.."
                    + MAX_JITTER_MARGIN);
        }
        return new RateLimits(limits, maxWaiters, jitterMargin);
    }

    private static void requireOperation(String operation) {
        if (operation == null || operation.isBlank()) {
            throw new IllegalArgumentException("RateLimits.operation: " + (operation == null ? "null" : "\"" + operation
                    + "\"") + " violates non-blank operation name such as CreateBackup");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RateLimits other && limits.equals(other.limits) && maxWaiters == other.maxWaiters
                && jitterMargin.equals(other.jitterMargin);
    }

    @Override
    public int hashCode() {
        return Objects.hash(limits, maxWaiters, jitterMargin);
    }

    @Override
    public String toString() {
        return "RateLimits[limits=" + limits + ", maxWaiters=" + maxWaiters + ", jitterMargin=" + jitterMargin + "]";
    }
}
