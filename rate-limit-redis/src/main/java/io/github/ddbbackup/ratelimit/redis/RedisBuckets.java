package io.github.ddbbackup.ratelimit.redis;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ConnectionFuture;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Bucket4j's buckets in Redis, reached through one Lettuce connection opened on first use (off the caller's thread,
 * since connecting may resolve a host name), and whether Redis is currently worth asking.
 *
 * <p>Every call is bounded by {@code timeout} on the limiter's scheduler. A consumption that succeeds in Redis after
 * its caller gave up on it (timeout or cancellation) gives its token back, so a slow answer never eats the budget.
 */
final class RedisBuckets {

    private static final Logger log = LoggerFactory.getLogger(RedisBuckets.class);

    /** Bucket4j retries a compare-and-swap lost to another instance; beyond this many, contention is pathological. */
    private static final int MAX_CAS_RETRIES = 100;

    private final RedisClient client;
    private final boolean ownsClient;
    private final RedisURI uri;
    private final String location;
    private final Settings settings;
    private final Scheduler scheduler;
    private final Mono<AsyncProxyManager<byte[]>> proxyManager;
    private final AtomicReference<StatefulRedisConnection<byte[], byte[]>> connection = new AtomicReference<>();
    private final AtomicLong unavailableUntil = new AtomicLong(Long.MIN_VALUE);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** The timing of every Redis call and of the buckets kept there. */
    record Settings(Duration timeout, Duration connectTimeout, Duration retryInterval, Duration idleExpiry,
                    Clock clock) {
    }

    RedisBuckets(RedisClient client, boolean ownsClient, RedisURI uri, Settings settings, Scheduler scheduler) {
        this.client = client;
        this.ownsClient = ownsClient;
        this.uri = uri;
        this.location = describe(uri);
        this.settings = settings;
        this.scheduler = scheduler;
        this.proxyManager = Mono.defer(this::connect).cacheInvalidateIf(manager -> closed.get());
    }

    /** Takes one token of the bucket {@code name} (created with {@code configuration} when absent). */
    Mono<ConsumptionProbe> tryConsume(String name, BucketConfiguration configuration) {
        return proxyManager
                .flatMap(manager -> {
                    AsyncBucketProxy bucket = bucket(manager, name, configuration);
                    CompletableFuture<ConsumptionProbe> probe = bucket.tryConsumeAndReturnRemaining(1);
                    return Mono.fromFuture(probe, true)
                            .doOnCancel(() -> probe.thenAccept(late -> {
                                if (late.isConsumed()) {
                                    giveBack(bucket);
                                }
                            }));
                })
                .timeout(settings.timeout(), scheduler)
                .doOnSubscribe(s -> inFlight.incrementAndGet())
                .doFinally(s -> inFlight.decrementAndGet());
    }

    /** Returns a token taken for a caller that no longer wants it. Best effort: a lost token only slows others. */
    void giveBack(String name, BucketConfiguration configuration) {
        proxyManager.subscribe(manager -> giveBack(bucket(manager, name, configuration)),
                e -> log.debug("Could not give an unused token back to {}", name, e));
    }

    private void giveBack(AsyncBucketProxy bucket) {
        Mono.fromFuture(() -> bucket.addTokens(1), true)
                .timeout(settings.timeout(), scheduler)
                .doOnSubscribe(s -> inFlight.incrementAndGet())
                .doFinally(s -> inFlight.decrementAndGet())
                .subscribe(null, e -> log.debug("Could not give an unused token back", e));
    }

    /** Whether Redis is asked at all: not during the retry interval after a failure. */
    boolean isAvailable() {
        return scheduler.now(TimeUnit.NANOSECONDS) >= unavailableUntil.get();
    }

    /**
     * Records that a Redis call failed: Redis is not asked again for the retry interval. Returns why, in words fit for
     * an error message (no credentials: Lettuce's messages name host and port only).
     */
    String failed(Throwable error) {
        failures.incrementAndGet();
        long now = scheduler.now(TimeUnit.NANOSECONDS);
        long previous = unavailableUntil.getAndSet(now + settings.retryInterval().toNanos());
        String reason = error instanceof TimeoutException
                ? "no answer within " + settings.timeout()
                : error.getClass().getSimpleName() + ": " + error.getMessage();
        if (previous <= now) {
            log.warn("Shared rate limit in Redis at {} unavailable ({}); not asked again for {}", location, reason,
                    settings.retryInterval());
        }
        return reason;
    }

    /** Why Redis is not being asked right now, when {@link #isAvailable()} is false. */
    String resting() {
        return "a previous Redis call failed less than " + settings.retryInterval() + " ago";
    }

    /** Where Redis is, without credentials. */
    String location() {
        return location;
    }

    long failures() {
        return failures.get();
    }

    /** Redis calls started and not yet finished (tests wait for 0 before they move virtual time on). */
    int callsInFlight() {
        return inFlight.get();
    }

    /** Closes the connection, and the Lettuce client when this limiter created it (blocking, bounded); once. */
    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        StatefulRedisConnection<byte[], byte[]> open = connection.getAndSet(null);
        if (open != null) {
            open.close();
        }
        if (ownsClient) {
            client.shutdown(Duration.ZERO, settings.connectTimeout());
        }
    }

    private Mono<AsyncProxyManager<byte[]>> connect() {
        return Mono.defer(() -> {
                    ConnectionFuture<StatefulRedisConnection<byte[], byte[]>> connecting =
                            client.connectAsync(ByteArrayCodec.INSTANCE, uri);
                    return Mono.fromCompletionStage(connecting)
                            .doOnCancel(() -> connecting.thenAccept(StatefulConnection::closeAsync));
                })
                // Connecting may resolve a host name, which blocks: never on the caller's (event loop) thread.
                .subscribeOn(Schedulers.boundedElastic())
                .timeout(settings.connectTimeout(), scheduler)
                .map(this::adopt);
    }

    private AsyncProxyManager<byte[]> adopt(StatefulRedisConnection<byte[], byte[]> opened) {
        connection.set(opened);
        if (closed.get() && connection.compareAndSet(opened, null)) {
            opened.closeAsync();
            throw new IllegalStateException("RedisRateLimiter closed while connecting to " + location);
        }
        log.debug("Connected to Redis at {} for the shared rate limit", location);
        return Bucket4jLettuce.casBasedBuilder(opened)
                .clientClock(new ClockMeter(settings.clock()))
                .expirationAfterWrite(
                        ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(settings.idleExpiry()))
                .maxRetries(MAX_CAS_RETRIES)
                .build()
                .asAsync();
    }

    private static AsyncBucketProxy bucket(AsyncProxyManager<byte[]> manager, String name,
                                           BucketConfiguration configuration) {
        return manager.builder().build(name.getBytes(StandardCharsets.UTF_8),
                () -> CompletableFuture.completedFuture(configuration));
    }

    /** {@code redis[s]://host:port/database}, or the sentinel master: never the password. */
    static String describe(RedisURI uri) {
        if (!uri.getSentinels().isEmpty()) {
            return "redis-sentinel master " + uri.getSentinelMasterId() + " (" + uri.getSentinels().size()
                    + " sentinels)/" + uri.getDatabase();
        }
        if (uri.getSocket() != null) {
            return "redis-socket://" + uri.getSocket() + "/" + uri.getDatabase();
        }
        return (uri.isSsl() ? "rediss://" : "redis://") + uri.getHost() + ":" + uri.getPort() + "/" + uri.getDatabase();
    }

    /**
     * Bucket time for Bucket4j, from a wall clock that every instance shares (to the precision of their clock
     * synchronisation): a JVM's {@code nanoTime} would mean nothing to another JVM.
     */
    private record ClockMeter(Clock clock) implements TimeMeter {
        @Override
        public long currentTimeNanos() {
            Instant now = clock.instant();
            return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
