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
 * <h2>Counting calls the way DynamoDB does</h2>
 * DynamoDB counts a call when it reads it, not when we start it, and no client can see that moment: between a permit
 * and the server lie timers, the connection, signing, scheduling, GC, the network and the server's own reading. What
 * the client does know is that the server had counted a request by the time its answer came back. So the client tells
 * the limiter, for every permit ({@link SendPermit}), when its request was answered (or that it was never sent), and
 * the limiter counts each request until one second after its answer: a permit waits while
 * {@code ceil(permitsPerSecond)} requests are unanswered or were answered less than a second ago. That holds whatever
 * the lags, and costs the round trips the calls actually have, about 1% against the emulator on a quiet machine, and
 * against DynamoDB about its round trip per second of calls (30 ms: 3%).
 *
 * <p>Besides, the bucket spaces the permits evenly over a window of {@code 1 s + }{@link #jitterMargin()} (default
 * {@link #DEFAULT_JITTER_MARGIN} = 5 ms, 0.5% of the rate), so that the calls of a second do not all start at its
 * beginning. {@link #maxJitterMargin()} (default {@link #DEFAULT_MAX_JITTER_MARGIN} = 1 s) is the longest a request
 * is waited for: one neither answered nor reported unsent that long after its permit counts as answered then (its
 * caller went away, or the server is that slow), so that a lost report holds a place for two seconds, not for ever.
 * Why that long: the wait costs nothing while answers come, and a machine busy enough to hold a request back for
 * hundreds of milliseconds (seen at load 20 and more) must still not push a 51st call into a second.
 * {@code withJitterMargins(Duration.ZERO, Duration.ZERO)} counts each call at its permit instead, at exactly the stated
 * rate.
 */
public final class RateLimits {

    /** The default bound on callers waiting for one budget: 200 seconds of CreateBackup calls at 50 per second. */
    public static final int DEFAULT_MAX_WAITERS = 10_000;

    /** The default stretch of the window over which the bucket spaces the permits; see the class comment. */
    public static final Duration DEFAULT_JITTER_MARGIN = Duration.ofMillis(5);

    /** The default longest wait for a request's answer before it counts as answered; see the class comment. */
    public static final Duration DEFAULT_MAX_JITTER_MARGIN = Duration.ofSeconds(1);

    /** The largest either margin may be: beyond it the limit would no longer resemble a per-second one. */
    public static final Duration MAX_JITTER_MARGIN = Duration.ofSeconds(1);

    /**
     * The Resource Groups Tagging API documents no per-second rate for GetResources (neither its API reference nor
     * its endpoints-and-quotas page gives one; it answers ThrottledException when a caller goes too fast): this
     * library's own conservative choice, which selects 1,000 tables (10 pages) in about 2 seconds.
     */
    public static final int GET_RESOURCES_PER_SECOND = 5;

    /** No operation limited; default waiter bound and margins. */
    public static final RateLimits NONE = new RateLimits(Map.of(), DEFAULT_MAX_WAITERS, DEFAULT_JITTER_MARGIN,
            DEFAULT_MAX_JITTER_MARGIN);

    /**
     * What the client and the Redis limiter apply when no limits are given: DynamoDB's documented control-plane limits
     * of the operations the client calls (CreateBackup 50 calls per second; DescribeBackup, DeleteBackup,
     * RestoreTableFromBackup, DescribeContinuousBackups and ListTagsOfResource 10; ListBackups, TagResource and
     * UntagResource 5; burst 1 each), and the Tagging API's GetResources at {@link #GET_RESOURCES_PER_SECOND}
     * (undocumented: our choice), with {@link #DEFAULT_MAX_WAITERS}, {@link #DEFAULT_JITTER_MARGIN} and
     * {@link #DEFAULT_MAX_JITTER_MARGIN}. The API reference documents no per-second
     * rate for ListTables, DescribeTable, DeleteTable, DescribeTimeToLive, UpdateTimeToLive and
     * UpdateContinuousBackups: they are not limited here (DynamoDB's control plane as a whole throttles at 2,500
     * requests per second; DeleteTable and UpdateTimeToLive count toward the 500 table operations an account may have
     * in progress).
     */
    public static final RateLimits DEFAULT = NONE
            .with(Operation.CREATE_BACKUP, RateLimit.perSecond(50))
            .with(Operation.DESCRIBE_BACKUP, RateLimit.perSecond(10))
            .with(Operation.DELETE_BACKUP, RateLimit.perSecond(10))
            .with(Operation.LIST_BACKUPS, RateLimit.perSecond(5))
            .with(Operation.RESTORE_TABLE_FROM_BACKUP, RateLimit.perSecond(10))
            .with(Operation.DESCRIBE_CONTINUOUS_BACKUPS, RateLimit.perSecond(10))
            .with(Operation.LIST_TAGS_OF_RESOURCE, RateLimit.perSecond(10))
            .with(Operation.TAG_RESOURCE, RateLimit.perSecond(5))
            .with(Operation.UNTAG_RESOURCE, RateLimit.perSecond(5))
            .with(Operation.GET_RESOURCES, RateLimit.perSecond(GET_RESOURCES_PER_SECOND));

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

    /** How much the window over which the bucket spaces the permits is longer than 1 second; see the class comment. */
    public Duration jitterMargin() {
        return jitterMargin;
    }

    /**
     * The longest a request is waited for, from its permit, before it counts as answered; see the class comment.
     */
    public Duration maxJitterMargin() {
        return maxJitterMargin;
    }

    /**
     * A copy whose bucket spaces the permits over {@code 1 s + jitterMargin} ({@code 0..1 s}); the longest wait is
     * raised to it if lower.
     */
    public RateLimits withJitterMargin(Duration jitterMargin) {
        checkMargin("RateLimits.jitterMargin", jitterMargin);
        return new RateLimits(limits, maxWaiters, jitterMargin,
                jitterMargin.compareTo(maxJitterMargin) > 0 ? jitterMargin : maxJitterMargin);
    }

    /**
     * A copy with both margins: {@code least} the jitter margin, {@code most} the longest wait for an answer (both
     * {@code 0..1 s}, {@code least <= most}); both zero count each call at its permit, at exactly the stated rate.
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
