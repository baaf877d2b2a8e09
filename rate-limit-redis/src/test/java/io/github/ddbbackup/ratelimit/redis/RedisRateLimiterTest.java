package io.github.ddbbackup.ratelimit.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.ddbbackup.core.InvalidOptionException;
import io.github.ddbbackup.core.Operation;
import io.github.ddbbackup.ratelimit.RateLimit;
import io.github.ddbbackup.reactor.PermitThreads;
import io.github.ddbbackup.reactor.PermitTimes;
import io.github.ddbbackup.ratelimit.RateLimitKey;
import io.github.ddbbackup.core.error.RateLimitQueueFullException;
import io.github.ddbbackup.ratelimit.RateLimiter;
import io.github.ddbbackup.ratelimit.RateLimits;
import io.github.ddbbackup.reactor.VirtualClock;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * The Redis-backed limiter against a real redis-server, with bucket time and timers on virtual time: every assertion
 * about when a permit was granted is about virtual time. Virtual time moves from one of the limiter's timers to the next
 * ({@link TimerWatchingScheduler}); at each, the test waits (bounded, in real time) until no Redis call is in flight,
 * so each step sees the answers it caused.
 */
class RedisRateLimiterTest {

    private static final long MILLI = TimeUnit.MILLISECONDS.toNanos(1);
    private static final String ACCESS_KEY = "AKIDEXAMPLE";
    private static final RateLimitKey CREATE =
            new RateLimitKey("http://127.0.0.1:8000", "us-east-1", ACCESS_KEY, "CreateBackup");
    private static final RateLimits TEN_PER_SECOND = RateLimits.NONE.withJitterMargin(Duration.ZERO)
            .with(Operation.CREATE_BACKUP, RateLimit.perSecond(10));
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(30);

    private static RedisServer redis;

    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private final TimerWatchingScheduler timers = new TimerWatchingScheduler(time);
    private final String prefix = "test-" + UUID.randomUUID() + ":";
    private final List<RedisRateLimiter> limiters = new ArrayList<>();
    private final PermitTimes grants = new PermitTimes(time);

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    @AfterEach
    void closeLimiters() {
        Flux.fromIterable(limiters).flatMap(RedisRateLimiter::closeLater).blockLast(SETTLE_TIMEOUT);
        time.dispose();
    }

    @Test
    void oneInstanceGrantsFirstComeFirstServedAtTheLocalBucketsPace() {
        RedisRateLimiter limiter = limiter(TEN_PER_SECOND.with(Operation.CREATE_BACKUP, RateLimit.perSecond(10).withBurst(3)));
        IntStream.range(0, 12).forEach(i -> grants.start(limiter, CREATE, i));
        settle();
        assertEquals(List.of(0, 1, 2), grants.idsInOrder(), "the burst of 3 at once, the rest waits");
        advance(1200);

        assertEquals(IntStream.range(0, 12).boxed().toList(), grants.idsInOrder());
        // Burst 3 of a 10/s ceiling refills 8 per second: one token every 125 ms after the burst.
        IntStream.range(3, 12).forEach(i -> assertEquals((i - 2) * 125 * MILLI, grants.timeOf(i), "call " + i));
    }

    @Test
    void threeInstancesShareOneBudgetAndEachServesItsOwnCallersInOrder() {
        List<RedisRateLimiter> instances = List.of(limiter(TEN_PER_SECOND), limiter(TEN_PER_SECOND),
                limiter(TEN_PER_SECOND));
        for (int i = 0; i < 15; i++) {
            grants.start(instances.get(i % 3), CREATE, i);
        }
        advance(1500);

        List<Long> times = grants.timesInOrder();
        assertEquals(15, times.size(), "every caller granted");
        assertEquals(IntStream.range(0, 15).mapToObj(i -> i * 100 * MILLI).toList(), times,
                "one budget of 10/s for all three: one grant every 100 ms, none twice in a slot");
        for (int instance = 0; instance < 3; instance++) {
            int first = instance;
            List<Integer> own = grants.idsInOrder().stream().filter(id -> id % 3 == first).toList();
            assertEquals(List.of(first, first + 3, first + 6, first + 9, first + 12), own, "instance " + instance);
        }
        long redisGrants = instances.stream().mapToLong(l -> l.metrics().redisGrants()).sum();
        assertEquals(15, redisGrants);
    }

    @Test
    void everyPermitComesTheSlotDelayAfterItsSlotWhichCostsLatencyButNoRate() {
        RedisRateLimiter limiter = limiter(builder(TEN_PER_SECOND).slotDelay(Duration.ofMillis(30)));
        IntStream.range(0, 5).forEach(i -> grants.start(limiter, CREATE, i));
        advance(600);

        assertEquals(List.of(30 * MILLI, 130 * MILLI, 230 * MILLI, 330 * MILLI, 430 * MILLI), grants.timesInOrder());
    }

    @Test
    void aSlotDelayLongerThanTheSpacingStillKeepsTheBucketsPace() {
        // 50/s is a slot every 20 ms, less than the 50 ms slot delay: the next slot is reserved at the slot, not at
        // the delayed grant (which would space the grants 50 ms apart, 20 per second instead of 50).
        RedisRateLimiter limiter = limiter(builder(RateLimits.NONE.withJitterMargin(Duration.ZERO)
                .with(Operation.CREATE_BACKUP, RateLimit.perSecond(50))).slotDelay(Duration.ofMillis(50)));
        IntStream.range(0, 20).forEach(i -> grants.start(limiter, CREATE, i));
        advance(600);

        assertEquals(IntStream.range(0, 20).mapToObj(i -> 50 * MILLI + i * 20 * MILLI).toList(), grants.timesInOrder());
        assertEquals(IntStream.range(0, 20).boxed().toList(), grants.idsInOrder());
    }

    @Test
    void cancelledWaitersGiveTheirTurnsToTheCallersBehindThem() {
        RedisRateLimiter limiter = limiter(TEN_PER_SECOND);
        List<Disposable> calls = IntStream.range(0, 11).mapToObj(i -> grants.start(limiter, CREATE, i)).toList();
        settle();
        List.of(2, 4, 6).forEach(i -> calls.get(i).dispose());
        advance(1000);

        assertEquals(List.of(0, 1, 3, 5, 7, 8, 9, 10), grants.idsInOrder());
        assertEquals(IntStream.range(0, 8).mapToObj(i -> i * 100 * MILLI).toList(), grants.timesInOrder(),
                "the callers behind moved up: no slot was lost to a cancelled waiter");
    }

    @Test
    void aSlotReservedForACancelledCallerGoesToWhoeverWaitsInThisInstanceAtItsTime() {
        RedisRateLimiter limiter = limiter(TEN_PER_SECOND);
        RedisRateLimiter other = limiter(TEN_PER_SECOND);
        oneGrantThenFiftyWaitersCancelledAtFiftyMillis(limiter);
        advance(10);
        grants.start(other, CREATE, 98);
        grants.start(limiter, CREATE, 99);
        advance(500);

        assertEquals(Map.of(0, 0L, 99, 100 * MILLI, 98, 200 * MILLI), grants.times(),
                "the slot reserved at 100 ms for the cancelled head went to the next caller of the same instance;"
                        + " the other instance's reservation came after it");
    }

    @Test
    void aSlotNobodyWaitsForAnyMoreLapsesCostingTheOthersOneSlotAtMost() {
        RedisRateLimiter limiter = limiter(TEN_PER_SECOND);
        RedisRateLimiter other = limiter(TEN_PER_SECOND);
        oneGrantThenFiftyWaitersCancelledAtFiftyMillis(limiter);
        grants.start(other, CREATE, 99);
        advance(500);

        assertEquals(Map.of(0, 0L, 99, 200 * MILLI), grants.times(),
                "only the one slot reserved for the first waiter lapsed: the 49 behind it had reserved nothing");
    }

    @Test
    void waiterBoundRefusesAtOnceWithoutAskingRedis() {
        RedisRateLimiter limiter = limiter(TEN_PER_SECOND.withMaxWaiters(3));
        grants.start(limiter, CREATE, 0);
        settle();
        Disposable firstWaiter = grants.start(limiter, CREATE, 1);
        grants.start(limiter, CREATE, 2);
        grants.start(limiter, CREATE, 3);
        settle();

        AtomicReference<Throwable> refused = new AtomicReference<>();
        limiter.acquire(CREATE).subscribe(null, refused::set);
        RateLimitQueueFullException full = assertInstanceOf(RateLimitQueueFullException.class, refused.get(),
                "refused synchronously, before any Redis call");
        assertEquals(3, full.maxWaiters());
        assertFalse(full.getMessage().contains(ACCESS_KEY), full.getMessage());

        firstWaiter.dispose();
        grants.start(limiter, CREATE, 4);
        advance(400);
        assertEquals(List.of(0, 2, 3, 4), grants.idsInOrder(), "the freed place was taken again");
    }

    @Test
    void budgetsAreKeyedByRegionAccountAndOperationButNeitherEndpointNorAccessKey() {
        RedisRateLimiter limiter = limiter(TEN_PER_SECOND.with(Operation.DELETE_BACKUP, RateLimit.perSecond(10)));
        RateLimitKey otherEndpoint = new RateLimitKey("https://dynamodb-fips.us-east-1.amazonaws.com", "us-east-1",
                ACCESS_KEY, "CreateBackup");
        RateLimitKey otherRegion = new RateLimitKey(CREATE.endpoint(), "eu-west-1", ACCESS_KEY, "CreateBackup");
        RateLimitKey otherKey = new RateLimitKey(CREATE.endpoint(), "us-east-1", "AKIDOTHER", "CreateBackup");
        RateLimitKey delete = new RateLimitKey(CREATE.endpoint(), "us-east-1", ACCESS_KEY, "DeleteBackup");
        grants.start(limiter, CREATE, 0);
        grants.start(limiter, otherEndpoint, 1);
        grants.start(limiter, otherRegion, 2);
        grants.start(limiter, otherKey, 3);
        grants.start(limiter, delete, 4);
        advance(200);

        assertEquals(Map.of(0, 0L, 1, 100 * MILLI, 2, 0L, 3, 0L, 4, 0L), grants.times(),
                "another endpoint of the same region and account shares the budget; the rest are separate");
        assertEquals(prefix + "us-east-1:key-" + CREATE.accessKeyHash() + ":CreateBackup", limiter.redisKey(CREATE));
        List<String> keys = redis.redis(commands -> commands.keys(prefix + "*"));
        assertEquals(8, keys.size(), keys.toString());
        List<String> budgets = List.of(limiter.redisKey(CREATE), limiter.redisKey(otherRegion),
                limiter.redisKey(otherKey), limiter.redisKey(delete));
        assertTrue(keys.containsAll(budgets) && keys.containsAll(budgets.stream().map(budget -> budget + ":wire")
                .toList()), "four budgets, each with its wire log: " + keys);
        assertTrue(keys.stream().noneMatch(k -> k.contains(ACCESS_KEY) || k.contains("AKIDOTHER")), keys.toString());
    }

    @Test
    void anAccountIdMakesInstancesWithDifferentAccessKeysShareOneBudget() {
        RedisRateLimiter first = limiter(builder(TEN_PER_SECOND).accountId("123456789012"));
        RedisRateLimiter second = limiter(builder(TEN_PER_SECOND).accountId("123456789012"));
        RateLimitKey sessionKey = new RateLimitKey(CREATE.endpoint(), "us-east-1", "ASIAOTHERSESSION", "CreateBackup");
        grants.start(first, CREATE, 0);
        settle();
        grants.start(second, sessionKey, 1);
        advance(200);

        assertEquals(Map.of(0, 0L, 1, 100 * MILLI), grants.times());
        assertEquals(prefix + "us-east-1:123456789012:CreateBackup", second.redisKey(sessionKey));
    }

    @Test
    void failsClosedWithAClearErrorWhenRedisIsUnreachableAndRestsBeforeAskingAgain() {
        try (RedisServer nowhere = RedisServer.reserve()) {
            RedisRateLimiter limiter = limiter(builder(TEN_PER_SECOND)
                    .redisUri("redis://:s3cret-pass@127.0.0.1:" + nowhere.port())
                    .retryInterval(Duration.ofSeconds(5)));

            RedisUnavailableException error = assertInstanceOf(RedisUnavailableException.class,
                    errorOf(limiter.acquire(CREATE)));
            assertTrue(error.getMessage().contains("CreateBackup")
                    && error.getMessage().contains("redis://127.0.0.1:" + nowhere.port())
                    && error.getMessage().contains("us-east-1")
                    && error.getMessage().contains("failing closed"), error.getMessage());
            assertFalse(error.getMessage().contains("s3cret-pass"), error.getMessage());
            assertFalse(error.getMessage().contains(ACCESS_KEY), error.getMessage());
            assertFalse(limiter.toString().contains("s3cret-pass"), limiter.toString());
            assertEquals(new RedisRateLimiterMetrics(0, 0, 1, false), limiter.metrics());

            assertInstanceOf(RedisUnavailableException.class, errorOf(limiter.acquire(CREATE)));
            assertEquals(1, limiter.metrics().redisFailures(), "within the retry interval Redis is not asked");

            time.advanceTimeBy(Duration.ofSeconds(5));
            assertInstanceOf(RedisUnavailableException.class, errorOf(limiter.acquire(CREATE)));
            assertEquals(2, limiter.metrics().redisFailures(), "after it, Redis is asked again");
        }
    }

    @Test
    void fallsBackToALocalShareOfTheLimitAndReturnsToRedisWhenItAnswersAgainAndItsMetersSaySo() {
        try (RedisServer later = RedisServer.reserve()) {
            RedisRateLimiter limiter = limiter(builder(TEN_PER_SECOND)
                    .redisUri(later.uri())
                    .onRedisFailure(RedisFailurePolicy.fallbackToLocal(2))
                    .retryInterval(Duration.ofSeconds(2)));
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            new RedisRateLimiterMeters(limiter).bindTo(meters);
            // The first caller finds Redis refusing (on a Lettuce thread) before the others ask: otherwise which of
            // them reaches the local share first is a race between threads, which no order is promised for.
            grants.start(limiter, CREATE, 0);
            settle();
            IntStream.range(1, 6).forEach(i -> grants.start(limiter, CREATE, i));
            settle();
            advance(1100);

            assertEquals(IntStream.range(0, 6).boxed().toList(), grants.idsInOrder());
            assertEquals(IntStream.range(0, 6).mapToObj(i -> i * 200 * MILLI).toList(), grants.timesInOrder(),
                    "half of 10/s for each of 2 instances: one grant every 200 ms");
            assertEquals(new RedisRateLimiterMetrics(0, 6, 1, false), limiter.metrics());
            assertEquals(List.of(0.0, 6.0, 1.0, 0.0), List.of(
                    meters.get(RedisRateLimiterMeters.PERMITS).tag("source", "redis").functionCounter().count(),
                    meters.get(RedisRateLimiterMeters.PERMITS).tag("source", "local-fallback").functionCounter().count(),
                    meters.get(RedisRateLimiterMeters.FAILURES).functionCounter().count(),
                    meters.get(RedisRateLimiterMeters.AVAILABLE).gauge().value()));

            later.restart();
            advance(1000);
            grants.start(limiter, CREATE, 6);
            settle();
            assertEquals(2100 * MILLI, grants.timeOf(6));
            assertEquals(new RedisRateLimiterMetrics(1, 6, 1, true), limiter.metrics(), "back on Redis");
            assertEquals(1, meters.get(RedisRateLimiterMeters.PERMITS).tag("source", "redis").functionCounter().count());
            assertEquals(1, meters.get(RedisRateLimiterMeters.AVAILABLE).gauge().value());
            assertEquals(1, redis(later, limiter.redisKey(CREATE)));
        }
    }

    @Test
    void aRedisThatStopsAnsweringTimesOutIntoTheFallbackInsteadOfHanging() {
        RedisRateLimiter limiter = limiter(RedisRateLimiter.builder()
                .redisUri(redis.uri())
                .keyPrefix(prefix)
                .rateLimits(TEN_PER_SECOND)
                .redisTimeout(Duration.ofMillis(300))
                .onRedisFailure(RedisFailurePolicy.fallbackToLocal(3)));
        StepVerifier.create(limiter.acquire(CREATE)).expectComplete().verify(Duration.ofSeconds(10));
        assertEquals(1, limiter.metrics().redisGrants());

        redis.freeze();
        try {
            StepVerifier.create(limiter.acquire(CREATE)).expectComplete().verify(Duration.ofSeconds(10));
            RedisRateLimiterMetrics metrics = limiter.metrics();
            assertEquals(1, metrics.redisFailures(), metrics.toString());
            assertEquals(1, metrics.fallbackGrants(), metrics.toString());
            assertFalse(metrics.redisAvailable());
        } finally {
            redis.thaw();
        }
    }

    @Test
    void closeLaterShutsDownTheClientItCreatedButNotOneItWasGiven() {
        // Each limiter's connection carries its own client name, so the test watches exactly those two connections:
        // counting all of Redis's clients would also count connections of earlier tests and of this test's own
        // inspection, which Redis drops whenever it gets to their close.
        String ownName = "own-" + UUID.randomUUID();
        String borrowingName = "borrowing-" + UUID.randomUUID();
        RedisRateLimiter own = limiter(builder(TEN_PER_SECOND).redisUri(redis.uri() + "?clientName=" + ownName));
        RedisClient shared = RedisClient.create();
        try {
            RedisRateLimiter borrowing = limiter(builder(TEN_PER_SECOND).redisClient(shared)
                    .redisUri(redis.uri() + "?clientName=" + borrowingName));
            grants.start(own, CREATE, 0);
            grants.start(borrowing, CREATE, 1);
            advance(200);
            assertEquals(2, grants.times().size());
            assertEquals(List.of(true, true), List.of(isConnected(ownName), isConnected(borrowingName)),
                    "each limiter holds its connection");

            StatefulRedisConnection<byte[], byte[]> borrowed = borrowing.buckets().openConnection();
            own.closeLater().block(SETTLE_TIMEOUT);
            borrowing.closeLater().block(SETTLE_TIMEOUT);
            assertFalse(borrowed.isOpen(), "the borrowing limiter's own connection is closed");
            assertFalse(shared.getResources().eventExecutorGroup().isShuttingDown(), "the given client runs on");
            // Both sockets are closed; Redis forgets a client when its event loop reads the close.
            awaitTrue(() -> !isConnected(ownName) && !isConnected(borrowingName), "both limiters' connections closed");
            try (StatefulRedisConnection<String, String> stillUsable = shared.connect(RedisURI.create(redis.uri()))) {
                assertEquals("PONG", stillUsable.sync().ping(), "the client passed in still works");
            }
            IllegalStateException closed = assertInstanceOf(IllegalStateException.class, errorOf(own.acquire(CREATE)));
            assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
        } finally {
            shared.shutdown(Duration.ZERO, Duration.ofSeconds(5));
        }
    }

    @Test
    void closeLaterCompletesOnceTheConnectionIsClosedAndTheClientItCreatedIsShutDown() {
        RedisRateLimiter own = limiter(TEN_PER_SECOND);
        StatefulRedisConnection<byte[], byte[]> connection = connectedByAPermit(own);
        RedisClient client = own.buckets().client();

        own.closeLater().block(SETTLE_TIMEOUT);

        assertFalse(connection.isOpen(), "connection closed when closeLater completes");
        assertTrue(client.getResources().eventExecutorGroup().isTerminated(), "the client's threads have stopped");
        own.closeLater().block(SETTLE_TIMEOUT);
        own.close();
        assertInstanceOf(IllegalStateException.class, errorOf(own.acquire(CREATE)), "closed twice, still closed");
    }

    @Test
    void closeOnANonBlockingThreadStartsTheReleaseWithoutBlocking() {
        RedisRateLimiter own = limiter(TEN_PER_SECOND);
        StatefulRedisConnection<byte[], byte[]> connection = connectedByAPermit(own);

        // BlockHound (active in this module's tests) fails the test if close() blocks on the parallel thread.
        Mono.fromRunnable(own::close).subscribeOn(Schedulers.parallel()).block(SETTLE_TIMEOUT);

        own.closeLater().block(SETTLE_TIMEOUT);
        assertFalse(connection.isOpen());
        assertTrue(own.buckets().client().getResources().eventExecutorGroup().isTerminated());
    }

    @Test
    void closeFailsTheCallersStillWaiting() {
        RedisRateLimiter limiter = limiter(TEN_PER_SECOND);
        grants.start(limiter, CREATE, 0);
        settle();
        AtomicReference<Throwable> waiting = new AtomicReference<>();
        limiter.acquire(CREATE).subscribe(null, waiting::set);
        settle();
        limiter.close();
        assertInstanceOf(IllegalStateException.class, waiting.get());
    }

    @Test
    void unlimitedOperationsAreGrantedAtOnceWithoutRedis() {
        try (RedisServer nowhere = RedisServer.reserve()) {
            RedisRateLimiter limiter = limiter(builder(TEN_PER_SECOND).redisUri(nowhere.uri()));
            assertNull(errorOf(limiter.acquire(operation("ListTables"))));
            assertEquals(new RedisRateLimiterMetrics(0, 0, 0, true), limiter.metrics());
        }
    }

    @Test
    void fallbackShareDividesEachLimitSoThatTheInstancesTogetherStayWithinIt() {
        RateLimits share = RedisFailurePolicy.fallbackToLocal(3).localShare(RateLimits.DEFAULT
                .with(Operation.CREATE_BACKUP, RateLimit.perSecond(50).withBurst(20)));
        assertEquals(new RateLimit(16, 16), share.forOperation(Operation.CREATE_BACKUP).orElseThrow(), "floor(50/3), burst capped");
        assertEquals(new RateLimit(3, 1), share.forOperation(Operation.DESCRIBE_BACKUP).orElseThrow());
        assertEquals(new RateLimit(1, 1), share.forOperation(Operation.LIST_BACKUPS).orElseThrow());
        assertEquals(RateLimits.DEFAULT.maxWaiters(), share.maxWaiters());
        assertEquals(new RateLimit(0.5, 1), RedisFailurePolicy.fallbackToLocal(10)
                .localShare(RateLimits.DEFAULT).forOperation(Operation.LIST_BACKUPS).orElseThrow());
        assertTrue(share.forOperation(Operation.LIST_TABLES).isEmpty());
    }

    @Test
    void badOptionsAreRefusedNamingOptionValueAndRule() {
        InvalidOptionException uri = assertThrows(InvalidOptionException.class,
                () -> RedisRateLimiter.builder().redisUri("http://user:hunter2@127.0.0.1:6379"));
        assertTrue(uri.getMessage().startsWith("RedisRateLimiter.redisUri: \"http://<redacted>@127.0.0.1:6379\""
                + " violates redis://"), uri.getMessage());
        assertFalse(uri.getMessage().contains("hunter2"), uri.getMessage());
        assertEquals("RedisRateLimiter.redisUri", uri.option());
        assertEquals("http://<redacted>@127.0.0.1:6379", uri.value(), "the value is kept redacted too");
        assertNull(uri.getCause(), "Lettuce's exception may quote the password");
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> RedisRateLimiter.builder().build());
        assertTrue(missing.getMessage().startsWith("RedisRateLimiter.redisUri: not set"), missing.getMessage());
        assertEquals("RedisRateLimiter.redisTimeout: PT0S violates > 0", assertThrows(InvalidOptionException.class,
                () -> RedisRateLimiter.builder().redisTimeout(Duration.ZERO)).getMessage());
        assertEquals("RedisRateLimiter.keyPrefix: \"a b\" violates at most 200 characters, no whitespace",
                assertThrows(InvalidOptionException.class, () -> RedisRateLimiter.builder().keyPrefix("a b"))
                        .getMessage());
        assertTrue(assertThrows(InvalidOptionException.class, () -> RedisRateLimiter.builder().accountId("12 34"))
                .getMessage().startsWith("RedisRateLimiter.accountId: \"12 34\" violates 1..64 of [A-Za-z0-9._-]"));
        assertEquals("RedisRateLimiter.slotDelay: PT1.001S violates 0..PT1S", assertThrows(
                InvalidOptionException.class, () -> RedisRateLimiter.builder().slotDelay(Duration.ofMillis(1001)))
                .getMessage());
        assertTrue(assertThrows(InvalidOptionException.class, () -> RedisFailurePolicy.fallbackToLocal(0))
                .getMessage().startsWith("RedisFailurePolicy.instances: 0 violates at least 1"));
    }

    @Test
    void permitsArriveOnTheLimitersSchedulerNeverOnLettucesEventLoop() {
        RedisRateLimiter limiter = limiter(RedisRateLimiter.builder()
                .redisUri(redis.uri())
                .keyPrefix(prefix)
                .rateLimits(RateLimits.NONE.with(Operation.CREATE_BACKUP, RateLimit.perSecond(1000))));
        // BlockHound (installed for this module) also fails any blocking call on Lettuce's threads.
        PermitThreads.assertDeliveredOnParallelThreads(limiter, CREATE, 40);
        // The lane counts each grant before its caller hears of it.
        assertEquals(40, limiter.metrics().redisGrants(), limiter.metrics().toString());
    }

    /** Call 0 granted at 0; calls 1..50 wait (the first with a slot reserved at 100 ms) and are cancelled at 50 ms. */
    /** One permit granted, so the limiter has opened its connection; that connection. */
    private StatefulRedisConnection<byte[], byte[]> connectedByAPermit(RedisRateLimiter limiter) {
        grants.start(limiter, CREATE, 0);
        advance(200);
        StatefulRedisConnection<byte[], byte[]> connection = limiter.buckets().openConnection();
        assertTrue(connection.isOpen(), "the first permit opened the connection");
        return connection;
    }

    private void oneGrantThenFiftyWaitersCancelledAtFiftyMillis(RedisRateLimiter limiter) {
        grants.start(limiter, CREATE, 0);
        List<Disposable> waiters = IntStream.rangeClosed(1, 50).mapToObj(i -> grants.start(limiter, CREATE, i)).toList();
        advance(50);
        waiters.forEach(Disposable::dispose);
    }

    private static RateLimitKey operation(String operation) {
        return new RateLimitKey(CREATE.endpoint(), CREATE.region(), CREATE.accessKeyId(), operation);
    }

    private RedisRateLimiterBuilder builder(RateLimits limits) {
        return RedisRateLimiter.builder()
                .redisUri(redis.uri())
                .keyPrefix(prefix)
                .rateLimits(limits)
                .scheduler(timers)
                .clock(new VirtualClock(time, Instant.EPOCH))
                .slotDelay(Duration.ZERO);
    }

    private RedisRateLimiter limiter(RateLimits limits) {
        return limiter(builder(limits));
    }

    private RedisRateLimiter limiter(RedisRateLimiterBuilder builder) {
        RedisRateLimiter limiter = builder.build();
        limiters.add(limiter);
        return limiter;
    }

    /**
     * Moves virtual time on by {@code millis}, stopping at each timer due meanwhile (a slot, a grant, a Redis timeout)
     * and there waiting, bounded, for the Redis calls it started: each stop sees the answers it caused, and real time
     * is spent only on the few round trips the test makes, never on each virtual millisecond.
     */
    private void advance(int millis) {
        long end = time.now(TimeUnit.NANOSECONDS) + millis * MILLI;
        settle();
        for (int stops = 0; ; stops++) {
            long now = time.now(TimeUnit.NANOSECONDS);
            long next = timers.nextDue().orElse(Long.MAX_VALUE);
            if (next > end) {
                timers.advanceTimeBy(Duration.ofNanos(end - now));
                settle();
                return;
            }
            if (stops > 100_000) {
                fail("virtual time stuck at " + now + " ns: the timer due at " + next + " ns never runs");
            }
            timers.advanceTimeBy(Duration.ofNanos(Math.max(0, next - now)));
            settle();
        }
    }

    private void settle() {
        awaitTrue(() -> limiters.stream().allMatch(l -> l.redisCallsInFlight() == 0), "Redis calls answered");
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + SETTLE_TIMEOUT + ": " + what);
            }
            LockSupport.parkNanos(100_000);
        }
    }

    /** Whether a connection named {@code clientName} (CLIENT SETNAME, from the URI's clientName) is open in Redis. */
    private static boolean isConnected(String clientName) {
        return redis.redis(commands -> commands.clientList().lines().anyMatch(line -> line.contains(" name="
                + clientName + " ")));
    }

    private static long redis(RedisServer server, String key) {
        return server.redis(commands -> commands.exists(key));
    }

    /** The error of {@code acquire}, waiting for it (bounded); null when it completed instead. */
    private static Throwable errorOf(Mono<Void> acquire) {
        AtomicReference<Throwable> error = new AtomicReference<>();
        StepVerifier.create(acquire.doOnError(error::set).onErrorComplete())
                .expectComplete()
                .verify(SETTLE_TIMEOUT);
        return error.get();
    }
}
