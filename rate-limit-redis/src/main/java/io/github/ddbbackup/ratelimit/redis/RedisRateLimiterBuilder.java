package io.github.ddbbackup.ratelimit.redis;

import io.github.ddbbackup.core.InvalidOptionException;
import io.github.ddbbackup.core.internal.UrlRedaction;
import io.github.ddbbackup.ratelimit.RateLimits;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import java.util.Optional;
import java.util.regex.Pattern;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Options of a {@link RedisRateLimiter}, each with a named default; {@link #redisUri} is the only required one.
 * Setters validate at once: an invalid value is refused with an {@link InvalidOptionException} naming the option
 * (e.g. {@code RedisRateLimiter.keyPrefix}), the value (a URI only without its user info) and the rule.
 */
public final class RedisRateLimiterBuilder {

    /** Prefix of every Redis key the limiter writes; see {@link RedisRateLimiter#redisKey}. */
    public static final String DEFAULT_KEY_PREFIX = "ddb-backup:rate-limit:";

    /**
     * The bound on one permit's conversation with Redis once connected (a read and a compare-and-swap, retried when
     * another instance won the race). Redis answers in about a millisecond on a local network; a second means it is
     * not answering.
     */
    public static final Duration DEFAULT_REDIS_TIMEOUT = Duration.ofSeconds(1);

    /**
     * The bound on opening the connection to Redis, and on the first permit's Redis calls: a cold JVM loads Lettuce,
     * Netty and Bucket4j then, which on a busy machine takes seconds, not milliseconds.
     */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /** How long Redis is left alone after a failure before a permit asks it again. */
    public static final Duration DEFAULT_RETRY_INTERVAL = Duration.ofSeconds(5);

    /** How long a bucket stays in Redis after it has filled up again (an unused budget then disappears). */
    public static final Duration DEFAULT_IDLE_EXPIRY = Duration.ofMinutes(1);

    /**
     * How long after its slot in the shared bucket a permit is granted. Redis answers a reservation some time after
     * it was computed (a round trip, a busy JVM, a GC pause); a permit granted on the answer's arrival rather than on
     * the slot would start late, bunched with the next instance's, and could put one more call into some 1-second
     * window than the limit allows. Granting every permit a fixed delay after its slot absorbs answers up to that
     * late, at the cost of that much latency per call and none in throughput. 50 ms is a few times the worst answer
     * time of busy instances sharing a small machine (BENCHMARKS.md, "Measurements behind the code").
     */
    public static final Duration DEFAULT_SLOT_DELAY = Duration.ofMillis(50);

    /** The bound on commands Lettuce queues for one connection of a client the limiter creates. */
    static final int OWN_CLIENT_REQUEST_QUEUE = 10_000;

    private static final Pattern ACCOUNT_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private @Nullable RedisURI redisUri;
    private @Nullable RedisClient redisClient;
    private RateLimits rateLimits = RateLimits.DEFAULT;
    private RedisFailurePolicy onRedisFailure = RedisFailurePolicy.failClosed();
    private String keyPrefix = DEFAULT_KEY_PREFIX;
    private @Nullable String accountId;
    private Duration redisTimeout = DEFAULT_REDIS_TIMEOUT;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration retryInterval = DEFAULT_RETRY_INTERVAL;
    private Duration idleExpiry = DEFAULT_IDLE_EXPIRY;
    private Duration slotDelay = DEFAULT_SLOT_DELAY;
    private Clock clock = Clock.systemUTC();
    private @Nullable Scheduler scheduler;

    RedisRateLimiterBuilder() {
    }

    /**
     * Where Redis is, as a Lettuce URI: {@code redis://[[user]:password@]host[:port][/database]}, {@code rediss://}
     * for TLS, {@code redis-sentinel://...} for Sentinel. Required.
     */
    public RedisRateLimiterBuilder redisUri(String uri) {
        Objects.requireNonNull(uri, "redisUri");
        try {
            return redisUri(RedisURI.create(uri));
        } catch (IllegalArgumentException e) {
            // Lettuce's message and the exception itself may quote the URI: neither is passed on when it has user
            // info, since a password in it may not even be where Lettuce thinks the user info is.
            String redacted = UrlRedaction.withoutUserInfo(uri);
            boolean secret = !redacted.equals(uri);
            throw new InvalidOptionException("RedisRateLimiter.redisUri", redacted,
                    "redis://[[user]:password@]host[:port][/database] (or rediss://, redis-sentinel://)"
                    + (secret ? "" : ": " + e.getMessage()), secret ? null : e);
        }
    }

    /** Where Redis is. Required. */
    public RedisRateLimiterBuilder redisUri(RedisURI uri) {
        this.redisUri = Objects.requireNonNull(uri, "redisUri");
        return this;
    }

    /**
     * A Lettuce client to open the limiter's connection with, shared with the application (its options and event
     * loops apply; {@link RedisRateLimiter#close()} closes the connection but leaves the client running). Default: the
     * limiter creates its own client, with auto-reconnect, commands rejected at once while disconnected, Lettuce's
     * command timeout set to {@link #redisTimeout}, and shuts it down on close.
     */
    public RedisRateLimiterBuilder redisClient(RedisClient client) {
        this.redisClient = Objects.requireNonNull(client, "redisClient");
        return this;
    }

    /**
     * The limits shared through Redis (the same {@link RateLimits} the client's local buckets take, waiter bound and
     * jitter margin included). Every instance must use the same. Default {@link RateLimits#DEFAULT}.
     */
    public RedisRateLimiterBuilder rateLimits(RateLimits limits) {
        this.rateLimits = Objects.requireNonNull(limits, "rateLimits");
        return this;
    }

    /** What to do while Redis is unavailable. Default {@link RedisFailurePolicy#failClosed()}. */
    public RedisRateLimiterBuilder onRedisFailure(RedisFailurePolicy policy) {
        this.onRedisFailure = Objects.requireNonNull(policy, "onRedisFailure");
        return this;
    }

    /**
     * The prefix of the limiter's Redis keys: instances share a budget only with the same prefix. Default
     * {@value #DEFAULT_KEY_PREFIX}.
     */
    public RedisRateLimiterBuilder keyPrefix(String prefix) {
        if (prefix == null || prefix.length() > 200 || prefix.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidOptionException("RedisRateLimiter.keyPrefix", prefix,
                    "at most 200 characters, no whitespace");
        }
        this.keyPrefix = prefix;
        return this;
    }

    /**
     * The AWS account the budget belongs to, used in Redis keys instead of a hash of the access key id. Set it when
     * instances sign with different access keys of one account, as with temporary credentials (each replica's role
     * session has its own key id, and keys rotate): DynamoDB's limit is per account and region, and so must be the
     * budget. Default: unset, one budget per access key.
     */
    public RedisRateLimiterBuilder accountId(String accountId) {
        if (accountId == null || !ACCOUNT_ID.matcher(accountId).matches()) {
            throw new InvalidOptionException("RedisRateLimiter.accountId", accountId,
                    "1..64 of [A-Za-z0-9._-], e.g. 123456789012");
        }
        this.accountId = accountId;
        return this;
    }

    /** The bound on each permit's Redis calls. Default {@link #DEFAULT_REDIS_TIMEOUT}. */
    public RedisRateLimiterBuilder redisTimeout(Duration timeout) {
        this.redisTimeout = positive("redisTimeout", timeout);
        return this;
    }

    /** The bound on connecting to Redis, and on the first permit. Default {@link #DEFAULT_CONNECT_TIMEOUT}. */
    public RedisRateLimiterBuilder connectTimeout(Duration timeout) {
        this.connectTimeout = positive("connectTimeout", timeout);
        return this;
    }

    /** How long Redis is left alone after a failure. Default {@link #DEFAULT_RETRY_INTERVAL}. */
    public RedisRateLimiterBuilder retryInterval(Duration interval) {
        this.retryInterval = positive("retryInterval", interval);
        return this;
    }

    /** How long a full, unused bucket stays in Redis. Default {@link #DEFAULT_IDLE_EXPIRY}. */
    public RedisRateLimiterBuilder idleExpiry(Duration expiry) {
        this.idleExpiry = positive("idleExpiry", expiry);
        return this;
    }

    /** How long after its slot a permit is granted, {@code 0..1 s}. Default {@link #DEFAULT_SLOT_DELAY}. */
    public RedisRateLimiterBuilder slotDelay(Duration delay) {
        if (delay == null || delay.isNegative() || delay.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new InvalidOptionException("RedisRateLimiter.slotDelay", delay, "0..PT1S");
        }
        this.slotDelay = delay;
        return this;
    }

    /**
     * The wall clock bucket time is read from; every instance must agree with the others (NTP). Default
     * {@link Clock#systemUTC()}. Tests may pass a clock driven by a virtual-time scheduler.
     */
    public RedisRateLimiterBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * The scheduler of the limiter's timers (wake-ups, Redis timeouts, the retry interval) and of the threads permits
     * are delivered on. Default {@link Schedulers#parallel()}.
     */
    public RedisRateLimiterBuilder scheduler(Scheduler scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        return this;
    }

    /**
     * Builds the limiter. Nothing is sent to Redis yet: the connection is opened, asynchronously, by the first permit.
     *
     * @throws IllegalStateException when no {@link #redisUri} was given
     */
    public RedisRateLimiter build() {
        if (redisUri == null) {
            throw new IllegalStateException("RedisRateLimiter.redisUri: not set, violates required"
                    + " (e.g. redis://127.0.0.1:6379)");
        }
        boolean ownsClient = redisClient == null;
        RedisClient client = redisClient != null ? redisClient : ownClient();
        Scheduler timers = scheduler != null ? scheduler : Schedulers.parallel();
        RedisBuckets buckets = new RedisBuckets(client, ownsClient, redisUri,
                new RedisBuckets.Settings(redisTimeout, connectTimeout, retryInterval, idleExpiry, clock), timers);
        return new RedisRateLimiter(rateLimits, onRedisFailure, buckets, timers, keyPrefix,
                Optional.ofNullable(accountId), slotDelay);
    }

    private RedisClient ownClient() {
        RedisClient client = RedisClient.create();
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                // Fail fast while the connection is down (the policy then decides) instead of queueing for later.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(OWN_CLIENT_REQUEST_QUEUE)
                .socketOptions(SocketOptions.builder().connectTimeout(connectTimeout).build())
                .timeoutOptions(TimeoutOptions.enabled(redisTimeout))
                .build());
        return client;
    }

    private static Duration positive(String option, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new InvalidOptionException("RedisRateLimiter." + option, value, "> 0");
        }
        return value;
    }
}
