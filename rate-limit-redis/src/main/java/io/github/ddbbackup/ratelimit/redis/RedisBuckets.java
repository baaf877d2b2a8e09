package io.github.ddbbackup.ratelimit.redis;

import org.jspecify.annotations.Nullable;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ConnectionFuture;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Bucket4j's buckets in Redis, reached through one Lettuce connection opened on first use (off the caller's thread,
 * since connecting may resolve a host name), and whether Redis is currently worth asking. Connecting is bounded by
 * {@code connectTimeout}, and so is the first reservation (it loads and initialises Bucket4j's code, which in a cold
 * JVM on a busy machine can take longer than Redis takes to answer); every later reservation by {@code timeout}. All
 * timers run on the limiter's scheduler.
 */
final class RedisBuckets {

    private static final Logger log = LoggerFactory.getLogger(RedisBuckets.class);

    /** Bucket4j retries a compare-and-swap lost to another instance; beyond this many, contention is pathological. */
    /**
     * Takes a place in a wire log (a sorted set: each request's id, scored with the moment, in microseconds of the
     * bucket's clock, until which the server may count it) when fewer than ARGV[1] count at ARGV[5]: adds ARGV[2]
     * counted until ARGV[3] microseconds from then and answers -1; else answers how many microseconds until the first
     * place frees. The clock is the instances' own, as the buckets' (see {@link Settings#clock()}).
     */
    private static final String WIRE_ROOM = """
            local now = tonumber(ARGV[5])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
            if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
              redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[2])
              redis.call('PEXPIRE', KEYS[1], ARGV[4])
              return -1
            end
            local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
            return math.max(1, math.ceil(tonumber(first[2]) - now))
            """;

    /** A request of a wire log answered: counted until ARGV[2] (microseconds), if it still counts. */
    private static final String WIRE_ANSWERED = """
            redis.call('ZADD', KEYS[1], 'XX', ARGV[2], ARGV[1])
            return 0
            """;

    private static final int MAX_CAS_RETRIES = 100;

    private final RedisClient client;
    private final boolean ownsClient;
    private final RedisURI uri;
    private final String location;
    private final Settings settings;
    private final Scheduler scheduler;
    private final Mono<StatefulRedisConnection<byte[], byte[]>> connected;
    private final AtomicReference<StatefulRedisConnection<byte[], byte[]>> connection = new AtomicReference<>();
    private final AtomicLong unavailableUntil = new AtomicLong(Long.MIN_VALUE);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** The release, started by the first {@link #closeLater()} subscription and shared by every later one. */
    private final Mono<Void> released = Mono.defer(this::release).cache();
    /** Whether Redis has answered a reservation yet: the first one also loads Bucket4j's code, a cold JVM's work. */
    private final AtomicBoolean answered = new AtomicBoolean();

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
        this.connected = Mono.defer(this::connect).cacheInvalidateIf(opened -> closed.get());
    }

    /**
     * Reserves the next token of the bucket {@code name} (created with {@code configuration} when absent), whether or
     * not it is there yet, and tells how many nanoseconds from the answer's arrival its slot comes (negative if it has
     * passed): Bucket4j's
     * {@code consumeIgnoringRateLimits}, which leaves the bucket in debt until then, so that every reservation, in
     * every instance, gets a later slot than the one before it.
     *
     * <p>Bucket4j gives the wait from the moment it computed the reservation, which is some time before the answer
     * arrives; the bucket time it read is captured, so the slot is known on the bucket's clock and a slow answer does
     * not push its permit later than its slot (where it would bunch with the next instance's). A reservation whose
     * answer comes after the timeout is lost to everybody (cancelling the future does not cancel the Redis call; it
     * only keeps its late outcome quiet).
     */
    Mono<Long> reserve(String name, BucketConfiguration configuration, long cost) {
        return Mono.defer(() -> {
                    LatestRead bucketTime = new LatestRead(settings.clock());
                    return connected
                            .flatMap(opened -> Mono.fromFuture(() -> proxyManager(opened, bucketTime).builder()
                                            .build(name.getBytes(StandardCharsets.UTF_8),
                                                    () -> CompletableFuture.completedFuture(configuration))
                                            .consumeIgnoringRateLimits(cost))
                                    .timeout(answered.get() ? settings.timeout() : settings.connectTimeout(),
                                            scheduler))
                            .doOnNext(wait -> answered.set(true))
                            // Negative when the answer came after the slot: the permit's slot delay, counted from the
                            // slot, may still be ahead (clamping at 0 here pushed such a permit a slot delay late).
                            .map(wait -> Math.min(wait, bucketTime.latest() + wait - bucketTime.now()));
                })
                .doOnSubscribe(s -> inFlight.incrementAndGet())
                .doFinally(s -> inFlight.decrementAndGet());
    }

    /**
     * Takes a place for request {@code id} in the wire log {@code key} when fewer than {@code ceiling} count, counted
     * for {@code horizon} unless answered sooner: empty when taken, else how long until the first place frees.
     */
    Mono<Optional<Duration>> wireRoom(String key, int ceiling, String id, Duration horizon) {
        byte[][] keys = {bytes(key)};
        return redisCall(opened -> opened.async().<Long>eval(WIRE_ROOM, ScriptOutputType.INTEGER, keys,
                        bytes(Integer.toString(ceiling)), bytes(id), bytes(Long.toString(micros(horizon))),
                        bytes(Long.toString(horizon.plusSeconds(1).toMillis())), bytes(Long.toString(nowMicros()))))
                .map(wait -> wait < 0 ? Optional.<Duration>empty() : Optional.of(Duration.ofNanos(wait * 1_000)));
    }

    /** Request {@code id} of the wire log {@code key} was answered now: it counts for a second more, if it still counts. */
    Mono<Long> wireAnswered(String key, String id) {
        byte[][] keys = {bytes(key)};
        long until = nowMicros() + TimeUnit.SECONDS.toMicros(1);
        return redisCall(opened -> opened.async().<Long>eval(WIRE_ANSWERED, ScriptOutputType.INTEGER, keys,
                bytes(id), bytes(Long.toString(until))));
    }

    private long nowMicros() {
        Instant now = settings.clock().instant();
        return TimeUnit.SECONDS.toMicros(now.getEpochSecond()) + TimeUnit.NANOSECONDS.toMicros(now.getNano());
    }

    /** Request {@code id} of the wire log {@code key} was never sent: it frees its place. */
    Mono<Long> wireUnsent(String key, String id) {
        return redisCall(opened -> opened.async().zrem(bytes(key), bytes(id)));
    }

    private <T> Mono<T> redisCall(Function<StatefulRedisConnection<byte[], byte[]>, CompletionStage<T>> call) {
        return connected
                .flatMap(opened -> Mono.fromCompletionStage(() -> call.apply(opened)))
                .timeout(settings.timeout(), scheduler)
                .doOnSubscribe(s -> inFlight.incrementAndGet())
                .doFinally(s -> inFlight.decrementAndGet());
    }

    private static long micros(Duration duration) {
        return TimeUnit.NANOSECONDS.toMicros(duration.toNanos());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
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

    /**
     * Closes the connection, then shuts the Lettuce client down when this limiter created it (its event loops and
     * threads; bounded by the connect timeout), without blocking; once. Completes when both are done.
     */
    Mono<Void> closeLater() {
        return released;
    }

    /** The open connection, if any; for tests that check what a release closed. */
    @Nullable StatefulRedisConnection<byte[], byte[]> openConnection() {
        return connection.get();
    }

    /** The Lettuce client connections are opened with; for tests that check what a release shut down. */
    RedisClient client() {
        return client;
    }

    private Mono<Void> release() {
        closed.set(true);
        StatefulRedisConnection<byte[], byte[]> open = connection.getAndSet(null);
        Mono<Void> connectionClosed = open == null ? Mono.empty() : Mono.fromFuture(open::closeAsync, true);
        // Started off the event loops: shutting the client's resources down stops their executors, which waits (with
        // Micrometer on the class path Lettuce's latency collector parks there), and the connection's close completes
        // on a Lettuce event loop.
        Mono<Void> clientShutDown = ownsClient
                ? Mono.fromFuture(() -> client.shutdownAsync(0, settings.connectTimeout().toMillis(),
                        TimeUnit.MILLISECONDS), true).subscribeOn(Schedulers.boundedElastic())
                : Mono.empty();
        return connectionClosed.then(clientShutDown);
    }

    private Mono<StatefulRedisConnection<byte[], byte[]>> connect() {
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

    private StatefulRedisConnection<byte[], byte[]> adopt(StatefulRedisConnection<byte[], byte[]> opened) {
        connection.set(opened);
        if (closed.get() && connection.compareAndSet(opened, null)) {
            opened.closeAsync();
            throw new IllegalStateException("RedisRateLimiter closed while connecting to " + location);
        }
        log.debug("Connected to Redis at {} for the shared rate limit", location);
        return opened;
    }

    /** Bucket4j's view of the connection for one reservation (a few small objects), reading time from {@code clock}. */
    private AsyncProxyManager<byte[]> proxyManager(StatefulRedisConnection<byte[], byte[]> opened, TimeMeter clock) {
        return Bucket4jLettuce.casBasedBuilder(opened)
                .clientClock(clock)
                .expirationAfterWrite(
                        ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(settings.idleExpiry()))
                .maxRetries(MAX_CAS_RETRIES)
                .build()
                .asAsync();
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
     * synchronisation: a JVM's {@code nanoTime} would mean nothing to another JVM), remembering the latest time read.
     * Bucket4j reads it when it computes a reservation (again after a lost compare-and-swap) and once more for the
     * key's expiry, so the latest read is at or just after the moment the winning computation was made.
     */
    private static final class LatestRead implements TimeMeter {
        private final Clock clock;
        private final AtomicLong latest = new AtomicLong(Long.MIN_VALUE);

        LatestRead(Clock clock) {
            this.clock = clock;
        }

        @Override
        public long currentTimeNanos() {
            long now = now();
            latest.accumulateAndGet(now, Math::max);
            return now;
        }

        long now() {
            Instant now = clock.instant();
            return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
        }

        /** The latest time Bucket4j read; the current time if it read none. */
        long latest() {
            long read = latest.get();
            return read == Long.MIN_VALUE ? now() : read;
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
