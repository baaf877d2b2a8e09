package io.github.ddbbackup.ratelimit.redis;

import io.github.ddbbackup.ratelimit.BucketShape;
import io.github.ddbbackup.ratelimit.RateLimit;
import io.github.ddbbackup.ratelimit.RateLimitKey;
import io.github.ddbbackup.ratelimit.RateLimiter;
import io.github.ddbbackup.ratelimit.RateLimits;
import io.github.ddbbackup.ratelimit.SendPermit;
import io.github.ddbbackup.ratelimit.TokenBucketRateLimiter;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * A {@link RateLimiter} whose budgets live in Redis, so that every process using the same Redis and key prefix shares
 * one budget per account, region and operation: ten replicas of a service, or three bulk jobs started at once, stay
 * within DynamoDB's 50 CreateBackup calls per second together. The buckets are Bucket4j's, kept in Redis through its
 * Lettuce backend (compare-and-swap, fully asynchronous), and shaped exactly as the local ones by
 * {@link BucketShape}: permits spaced {@code (1 s + jitterMargin) / permitsPerSecond} apart across all instances.
 * Next to each bucket a wire log ({@link #permit}, {@code RedisLane}) counts every request the client sends until a
 * second after its answer, since DynamoDB counts it at some moment before answering: a permit waits while
 * {@code ceil(permitsPerSecond)} requests of any instance still count, so that no lag (a cold JVM's first requests, a
 * starved CPU, a server reading late) can put more calls into a second at DynamoDB than the limit.
 *
 * <pre>{@code
 * RedisRateLimiter limiter = RedisRateLimiter.builder()
 *         .redisUri("redis://redis.internal:6379")
 *         .onRedisFailure(RedisFailurePolicy.fallbackToLocal(3))
 *         .build();
 * DynamoDbBackupClient client = DynamoDbBackupClient.builder().region("eu-west-1").rateLimiter(limiter).build();
 * }</pre>
 *
 * <p>Semantics, per budget:
 * <ul>
 *   <li>Within one instance, first come, first served, as the local bucket: callers queue in arrival order, and the
 *       instance holds one reservation at a time in Redis, for the first in line. A reservation takes the bucket's
 *       next slot, after every slot reserved before it by any instance, and the permit is granted at that slot by a
 *       timer. Across instances the slots go in the order the reservations reached Redis: each instance's next caller
 *       competes for the next slot, so every busy instance gets its share.</li>
 *   <li>A caller waiting behind the first holds nothing, so cancelling it costs nobody anything. A reserved slot whose
 *       caller was cancelled goes to whoever is first in line in this instance when it comes; only if nobody is, it
 *       lapses (a slot cannot be handed back to Redis once later slots may have been reserved after it), which costs
 *       the budget at most one slot, {@code 1/permitsPerSecond}, per lapse.</li>
 *   <li>At most {@link RateLimits#maxWaiters()} callers wait per budget in each instance; the next is refused with
 *       {@link io.github.ddbbackup.core.error.RateLimitQueueFullException}. A reservation is at most one slot per
 *       instance ahead, so a permit never waits on Redis for more than the slots of the instances ahead of it.</li>
 *   <li>Every Redis call is bounded by {@link RedisRateLimiterBuilder#redisTimeout}; when one fails or times out,
 *       the {@link RedisFailurePolicy} decides (fail closed, or a local bucket holding a share of the limit), and
 *       Redis is not asked again for {@link RedisRateLimiterBuilder#retryInterval}. Nothing ever hangs on Redis.</li>
 *   <li>Permits are delivered on the limiter's scheduler, never on Lettuce's event loop.</li>
 * </ul>
 * Operations without a limit are granted at once, without Redis.
 *
 * <p>Budgets are keyed by region, account and operation; see {@link #redisKey(RateLimitKey)}. Every instance must be
 * configured with the same limits: the first instance to create a bucket in Redis shapes it until
 * it expires ({@link RedisRateLimiterBuilder#idleExpiry} after it last filled up). Bucket and wire-log time is each
 * instance's wall clock: keep the hosts' clocks synchronised (NTP); a host behind the others by {@code d} frees places
 * in the wire log up to {@code d} early.
 *
 * <p>Thread-safe. {@link #closeLater()} (or {@link #close()}) closes the Redis connection, and shuts the Lettuce client
 * down when the limiter created it.
 */
public final class RedisRateLimiter implements RateLimiter, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisRateLimiter.class);

    private final RateLimits limits;
    private final RedisFailurePolicy onRedisFailure;
    private final Optional<TokenBucketRateLimiter> fallback;
    private final RedisBuckets buckets;
    private final Scheduler scheduler;
    private final String keyPrefix;
    private final Optional<String> accountId;
    private final Duration slotDelay;
    /** This instance's name among those sharing the budgets, in its requests' ids in the wire logs. */
    private final String instance = UUID.randomUUID().toString();
    private final ConcurrentMap<String, RedisLane> lanes = new ConcurrentHashMap<>();
    private final AtomicLong redisGrants = new AtomicLong();
    private final AtomicLong fallbackGrants = new AtomicLong();
    private volatile boolean closed;

    RedisRateLimiter(RateLimits limits, RedisFailurePolicy onRedisFailure, RedisBuckets buckets, Scheduler scheduler,
                     String keyPrefix, Optional<String> accountId, Duration slotDelay) {
        this.limits = limits;
        this.onRedisFailure = onRedisFailure;
        this.fallback = onRedisFailure.fallsBack()
                ? Optional.of(TokenBucketRateLimiter.create(onRedisFailure.localShare(limits), scheduler))
                : Optional.empty();
        this.buckets = buckets;
        this.scheduler = scheduler;
        this.keyPrefix = keyPrefix;
        this.accountId = accountId;
        this.slotDelay = slotDelay;
    }

    /** A builder with every option at its default; {@link RedisRateLimiterBuilder#redisUri} is required. */
    public static RedisRateLimiterBuilder builder() {
        return new RedisRateLimiterBuilder();
    }

    @Override
    public Mono<Void> acquire(RateLimitKey key) {
        return limited(key, RedisLane::acquire, TokenBucketRateLimiter::acquire, Mono.empty());
    }

    /**
     * A permit whose request is counted in the budget's wire log in Redis until the server has counted it, shared by
     * every instance (see {@code RedisLane}); the client asks for its permits this way. With the local fallback, the
     * fallback's own.
     */
    @Override
    public Mono<SendPermit> permit(RateLimitKey key) {
        return limited(key, RedisLane::permit, TokenBucketRateLimiter::permit,
                Mono.just(SendPermit.UNTRACKED));
    }

    /** From the key's budget in Redis, or its fallback's when Redis fails; {@code unlimited} without a limit. */
    private <T> Mono<T> limited(RateLimitKey key, Function<RedisLane, Mono<T>> fromRedis,
                                BiFunction<TokenBucketRateLimiter, RateLimitKey, Mono<T>> fromFallback,
                                Mono<T> unlimited) {
        Objects.requireNonNull(key, "key");
        return limits.forKey(key)
                .map(limit -> Mono.defer(() -> fromRedis(key, limit, fromRedis))
                        .onErrorResume(RedisUnavailableException.class, e -> onRedisFailure(e, fromFallback))
                        .publishOn(scheduler))
                .orElse(unlimited);
    }

    /**
     * The Redis key of the budget {@code key} draws from: {@code <prefix><region>:<account>:<operation>}, where the
     * account is {@link RedisRateLimiterBuilder#accountId} when set, else {@code key-} and a short hash of the access
     * key id ({@link RateLimitKey#accessKeyHash()}). DynamoDB keeps one budget per account and region, whatever
     * endpoint reaches it (regional, FIPS or VPC endpoint), so the endpoint is not part of the key. The budget's wire
     * log (the requests the server may still count, see {@code RedisLane}) is the sorted set {@code <that key>:wire}.
     */
    public String redisKey(RateLimitKey key) {
        String account = accountId.orElseGet(() -> "key-" + key.accessKeyHash());
        return keyPrefix + key.region() + ":" + account + ":" + key.operation();
    }

    /**
     * Where Redis is, for messages and reports: {@code redis[s]://host:port/database} (or the Sentinel master), never
     * a user name or password.
     */
    public String redis() {
        return buckets.location();
    }

    /** The limits this limiter applies, shared through Redis. */
    public RateLimits limits() {
        return limits;
    }

    /** What happens while Redis is unavailable. */
    public RedisFailurePolicy onRedisFailure() {
        return onRedisFailure;
    }

    /** Counters since the limiter was built. */
    public RedisRateLimiterMetrics metrics() {
        return new RedisRateLimiterMetrics(redisGrants.get(), fallbackGrants.get(), buckets.failures(),
                buckets.isAvailable());
    }

    /** Where the buckets are kept; for tests that check what closing released. */
    RedisBuckets buckets() {
        return buckets;
    }

    /** Redis calls started and not yet answered; for tests that wait for the limiter to settle. */
    int redisCallsInFlight() {
        return buckets.callsInFlight();
    }

    /**
     * Releases what this limiter created, and only that: every waiting caller fails at once (and every later one),
     * the limiter's Redis connection is closed, and the Lettuce client is shut down, event loops and threads included,
     * if the limiter created it (a client passed to {@link RedisRateLimiterBuilder#redisClient} is left running).
     * Lettuce's shutdown is bounded by {@link RedisRateLimiterBuilder#connectTimeout}. Nothing blocks; the Mono
     * completes once the connection is closed and the client shut down. Safe to subscribe to more than once, and to
     * call after {@link #close()}: the release happens once. As Lettuce's {@code shutdownAsync}.
     */
    public Mono<Void> closeLater() {
        return Mono.defer(() -> {
            failEveryCaller();
            return buckets.closeLater();
        });
    }

    /**
     * Fails every waiting caller at once and starts {@link #closeLater()}, without waiting for it: it never blocks, so
     * it may be called on an event loop. To know when the connection is closed and the client shut down, use
     * {@code closeLater()}. Safe to call more than once.
     */
    @Override
    public void close() {
        closeLater().subscribe(null, error -> log.warn("Closing {} failed", this, error));
    }

    private void failEveryCaller() {
        closed = true;
        IllegalStateException error = closedError();
        lanes.values().forEach(lane -> lane.failAll(error));
    }

    private <T> Mono<T> fromRedis(RateLimitKey key, RateLimit limit, Function<RedisLane, Mono<T>> ask) {
        if (closed) {
            return Mono.error(closedError());
        }
        RedisLane lane = lanes.computeIfAbsent(redisKey(key), name -> new RedisLane(key, name,
                BucketShape.configuration(limit, limits.jitterMargin()),
                BucketShape.cost(limit, limits.jitterMargin().toNanos()), buckets, scheduler, limits.maxWaiters(),
                slotDelay, redisGrants, (int) Math.ceil(limit.permitsPerSecond()), limits.maxJitterMargin(), instance));
        return buckets.isAvailable() ? ask.apply(lane) : Mono.error(lane.unavailable(buckets.resting(), null));
    }

    private <T> Mono<T> onRedisFailure(RedisUnavailableException e,
                                       BiFunction<TokenBucketRateLimiter, RateLimitKey, Mono<T>> ask) {
        if (closed || fallback.isEmpty()) {
            return Mono.error(e);
        }
        return ask.apply(fallback.get(), e.key()).doOnSuccess(granted -> fallbackGrants.incrementAndGet());
    }

    private IllegalStateException closedError() {
        return new IllegalStateException("RedisRateLimiter for " + buckets.location() + " is closed: no permit can be"
                + " granted");
    }

    @Override
    public String toString() {
        return "RedisRateLimiter[redis=" + buckets.location() + ", keyPrefix=" + keyPrefix + ", onRedisFailure="
                + onRedisFailure + ", limits=" + limits + "]";
    }
}
