package io.github.ddbbackup.ratelimit;

import io.github.ddbbackup.core.InvalidOptionException;
import io.github.ddbbackup.core.Operation;
import io.github.ddbbackup.core.error.RateLimitQueueFullException;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The limits a client applies, per {@link Operation}, with named defaults. Immutable: every {@code with...} returns a
 * copy. An operation without a limit is not limited at all.
 *
 * <pre>{@code
 * RateLimits limits = RateLimits.DEFAULT.with(Operation.CREATE_BACKUP, RateLimit.perSecond(20));
 * }</pre>
 *
 * <h2>Jitter margin</h2>
 * DynamoDB counts calls when they arrive, not when we start them. With calls spaced exactly {@code 1/C} apart, the
 * {@code C+1}-th call starts exactly 1 second after the first, so if the first reaches the wire even a millisecond
 * later after its permit than the {@code C+1}-th, the server sees {@code C+1} calls in some 1-second window. Calls
 * {@code i} and {@code i+C} stay a full second apart at the server as long as the window the limiter keeps its
 * ceiling over, {@code 1 s + margin}, covers the <em>spread</em> of the permit-to-wire lag (timer lateness,
 * connection, signing, scheduling, GC). The limiter learns that margin: the client tells it, for every call, how long
 * after its permit the request was written ({@link RateLimiter#wireLag}), and the margin is
 * {@link #jitterMargin()} (default {@link #DEFAULT_JITTER_MARGIN} = 5 ms, for what the client cannot see: the network
 * and the server's own reading) plus what is measured: the spread of the recent lags and the longest recent timer
 * lateness ({@link LearnedMargin}), never above {@link #maxJitterMargin()} (default
 * {@link #DEFAULT_MAX_JITTER_MARGIN} = 250 ms). It grows at once when a lag is longer, and shrinks again as slow
 * samples leave the recent ones. Each millisecond costs 0.1% of the long-run rate. {@code withJitterMargin(d)} sets the
 * part added to what is measured, for a long, jittery network path; {@code withJitterMargins(d, d)} fixes the margin
 * at {@code d}, and {@code Duration.ZERO} for both runs at exactly the stated rate.
 */
public final class RateLimits {

    /** The default bound on callers waiting for one budget: 200 seconds of CreateBackup calls at 50 per second. */
    public static final int DEFAULT_MAX_WAITERS = 10_000;

    /** The default stretch of the 1-second window added to what is measured; see the class comment. */
    public static final Duration DEFAULT_JITTER_MARGIN = Duration.ofMillis(5);

    /** The default most the learned margin may stretch the window to; see the class comment. */
    public static final Duration DEFAULT_MAX_JITTER_MARGIN = Duration.ofMillis(250);

    /** The largest jitter margin accepted: beyond it the limit would no longer resemble a per-second one. */
    public static final Duration MAX_JITTER_MARGIN = Duration.ofSeconds(1);

    /** No operation limited; default waiter bound and margins. */
    public static final RateLimits NONE = new RateLimits(Map.of(), DEFAULT_MAX_WAITERS, DEFAULT_JITTER_MARGIN,
            DEFAULT_MAX_JITTER_MARGIN);

    /**
     * What the client and the Redis limiter apply when no limits are given: DynamoDB's documented control-plane limits
     * of the operations the client calls (CreateBackup 50 calls per second; DescribeBackup and DeleteBackup 10;
     * ListBackups 5; ListTables not limited; burst 1 each), with {@link #DEFAULT_MAX_WAITERS} and the margin learned
     * between {@link #DEFAULT_JITTER_MARGIN} and {@link #DEFAULT_MAX_JITTER_MARGIN}.
     */
    public static final RateLimits DEFAULT = NONE
            .with(Operation.CREATE_BACKUP, RateLimit.perSecond(50))
            .with(Operation.DESCRIBE_BACKUP, RateLimit.perSecond(10))
            .with(Operation.DELETE_BACKUP, RateLimit.perSecond(10))
            .with(Operation.LIST_BACKUPS, RateLimit.perSecond(5));

    private final Map<String, RateLimit> limits;
    private final int maxWaiters;
    private final Duration jitterMargin;
    private final Duration maxJitterMargin;

    private RateLimits(Map<String, RateLimit> limits, int maxWaiters, Duration jitterMargin,
                       Duration maxJitterMargin) {
        this.limits = Collections.unmodifiableMap(new TreeMap<>(limits));
        this.maxWaiters = maxWaiters;
        this.jitterMargin = jitterMargin;
        this.maxJitterMargin = maxJitterMargin;
    }

    /** A copy in which {@code operation} (e.g. {@link Operation#CREATE_BACKUP}) is limited by {@code limit}. */
    public RateLimits with(Operation<?, ?> operation, RateLimit limit) {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(limit, "limit");
        Map<String, RateLimit> copy = new TreeMap<>(limits);
        copy.put(operation.name(), limit);
        return new RateLimits(copy, maxWaiters, jitterMargin, maxJitterMargin);
    }

    /** A copy in which {@code operation} is not limited. */
    public RateLimits without(Operation<?, ?> operation) {
        Objects.requireNonNull(operation, "operation");
        Map<String, RateLimit> copy = new TreeMap<>(limits);
        copy.remove(operation.name());
        return new RateLimits(copy, maxWaiters, jitterMargin, maxJitterMargin);
    }

    /**
     * A copy in which every limit is replaced by {@code change} applied to it; for a limiter that derives its own
     * limits from these (as the Redis limiter's local fallback takes a share of each).
     */
    public RateLimits withEach(UnaryOperator<RateLimit> change) {
        Objects.requireNonNull(change, "change");
        Map<String, RateLimit> copy = new TreeMap<>();
        limits.forEach((operation, limit) -> copy.put(operation, Objects.requireNonNull(change.apply(limit))));
        return new RateLimits(copy, maxWaiters, jitterMargin, maxJitterMargin);
    }

    /** The limit of {@code operation}, empty when it is not limited. */
    public Optional<RateLimit> forOperation(Operation<?, ?> operation) {
        return Optional.ofNullable(limits.get(operation.name()));
    }

    /** The limit of the budget {@code key} draws from (by its operation), empty when it is not limited. */
    public Optional<RateLimit> forKey(RateLimitKey key) {
        return Optional.ofNullable(limits.get(key.operation()));
    }

    /** Every limited operation, by its {@link Operation#name()}, and its limit, sorted by name. */
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
            throw new InvalidOptionException("RateLimits.maxWaiters", maxWaiters, "at least 1");
        }
        return new RateLimits(limits, maxWaiters, jitterMargin, maxJitterMargin);
    }

    /**
     * How much the 1-second window is stretched besides what is measured (so at least this much); see the class
     * comment.
     */
    public Duration jitterMargin() {
        return jitterMargin;
    }

    /** The most the learned margin may stretch the 1-second window; see the class comment. */
    public Duration maxJitterMargin() {
        return maxJitterMargin;
    }

    /**
     * A copy that stretches the window by {@code jitterMargin}, {@code 0..1 s}, besides what is measured; the most is
     * raised to it if lower.
     */
    public RateLimits withJitterMargin(Duration jitterMargin) {
        checkMargin("RateLimits.jitterMargin", jitterMargin);
        return new RateLimits(limits, maxWaiters, jitterMargin,
                jitterMargin.compareTo(maxJitterMargin) > 0 ? jitterMargin : maxJitterMargin);
    }

    /**
     * A copy whose margin is {@code least} plus what is measured, at most {@code most} (both {@code 0..1 s},
     * {@code least <= most}); equal, they fix it.
     */
    public RateLimits withJitterMargins(Duration least, Duration most) {
        checkMargin("RateLimits.jitterMargin", least);
        checkMargin("RateLimits.maxJitterMargin", most);
        if (most.compareTo(least) < 0) {
            throw new InvalidOptionException("RateLimits.maxJitterMargin", most, "at least the jitter margin "
                    + least);
        }
        return new RateLimits(limits, maxWaiters, least, most);
    }

    private static void checkMargin(String name, Duration margin) {
        if (margin == null || margin.isNegative() || margin.compareTo(MAX_JITTER_MARGIN) > 0) {
            throw new InvalidOptionException(name, margin, "0.." + MAX_JITTER_MARGIN);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RateLimits other && limits.equals(other.limits) && maxWaiters == other.maxWaiters
                && jitterMargin.equals(other.jitterMargin) && maxJitterMargin.equals(other.maxJitterMargin);
    }

    @Override
    public int hashCode() {
        return Objects.hash(limits, maxWaiters, jitterMargin, maxJitterMargin);
    }

    @Override
    public String toString() {
        return "RateLimits[limits=" + limits + ", maxWaiters=" + maxWaiters + ", jitterMargin=" + jitterMargin
                + ", maxJitterMargin=" + maxJitterMargin + "]";
    }
}
