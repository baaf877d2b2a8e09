package io.github.ddbbackup.ratelimit;

import io.github.ddbbackup.core.Operation;
import io.github.ddbbackup.core.error.RateLimitQueueFullException;
import io.github.ddbbackup.reactor.PermitThreads;
import io.github.ddbbackup.reactor.PermitTimes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.scheduler.VirtualTimeScheduler;

/** The local token bucket, on virtual time: every assertion is about virtual start times, never the wall clock. */
class TokenBucketRateLimiterTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long MILLI = TimeUnit.MILLISECONDS.toNanos(1);
    private static final RateLimitKey CREATE =
            new RateLimitKey("http://127.0.0.1:8000", "us-east-1", "AKIDEXAMPLE", "CreateBackup");
    private static final RateLimits EXACT = RateLimits.DEFAULT.withJitterMargins(Duration.ZERO, Duration.ZERO);

    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private final PermitTimes calls = new PermitTimes(time);

    @AfterEach
    void disposeTime() {
        time.dispose();
    }

    @Test
    void thousandCreateBackupCallsTakeTwentySecondsAndNeverMoreThanFiftyStartInAnySecond() {
        RateLimiter limiter = TokenBucketRateLimiter.create(EXACT, time);
        IntStream.range(0, 1000).forEach(i -> calls.start(limiter, CREATE, i));
        time.advanceTimeBy(Duration.ofSeconds(60));

        List<Long> starts = calls.timesInOrder();
        assertEquals(1000, starts.size());
        long last = starts.get(starts.size() - 1);
        assertTrue(Math.abs(last - 20 * SECOND) <= 20 * MILLI, "last start at " + last + " ns");
        assertEquals(50, maxStartsInAnyWindow(starts, SECOND), "the ceiling is reached, and never passed");
    }

    @Test
    void defaultJitterMarginWithNothingMeasuredKeepsFiftyPerStretchedWindowAtHalfAPercentOfTheRate() {
        RateLimiter limiter = TokenBucketRateLimiter.create(RateLimits.DEFAULT, time);
        IntStream.range(0, 1000).forEach(i -> calls.start(limiter, CREATE, i));
        time.advanceTimeBy(Duration.ofSeconds(60));

        List<Long> starts = calls.timesInOrder();
        assertEquals(1000, starts.size());
        assertEquals(50, maxStartsInAnyWindow(starts, SECOND + 5 * MILLI));
        assertEquals(999 * 20_100_000L, starts.get(999), "1,000 calls spaced 20.1 ms: 20.08 s");
    }

    @Test
    void aPermitWaitsUntilTheRequestFiftyBeforeItHasBeenWrittenForAWholeWindow() {
        RateLimiter limiter = TokenBucketRateLimiter.create(
                RateLimits.DEFAULT.withJitterMargins(Duration.ZERO, Duration.ofSeconds(1)), time);
        // The first request leaves 100 ms after its permit, every other one at once.
        List<Long> granted = takeAndWrite(limiter, CREATE, 52, i -> i == 0 ? Duration.ofMillis(100) : Duration.ZERO);
        time.advanceTimeBy(Duration.ofSeconds(3));

        assertEquals(52, granted.size());
        IntStream.range(0, 50).forEach(i -> assertEquals(i * 20 * MILLI, granted.get(i), "permit " + i));
        assertEquals(1_020 * MILLI, granted.get(50), "not at the bucket's 1 s: the requests written in the second"
                + " up to then are 50, the first of them written at 100 ms; at 1.02 s the one written at 20 ms leaves");
        assertEquals(1_040 * MILLI, granted.get(51), "and the bucket spaces the next one from there");
        assertTrue(maxStartsInAnyWindow(writtenTimes, SECOND) <= 50, "at most 50 written in any second");
    }

    @Test
    void aRequestNeverReportedCountsUntilItsLagBoundAndOneReportedUnsentNotAtAll() {
        RateLimiter limiter = TokenBucketRateLimiter.create(
                RateLimits.DEFAULT.withJitterMargins(Duration.ZERO, Duration.ofMillis(250)), time);
        RateLimitKey other = new RateLimitKey(CREATE.endpoint(), CREATE.region(), "AKIDOTHER", CREATE.operation());
        List<Long> neverReported = takeAndWrite(limiter, CREATE, 51, i -> null);
        List<Long> unsent = takeAndWrite(limiter, other, 51, i -> i == 0 ? UNSENT : Duration.ZERO);
        time.advanceTimeBy(Duration.ofSeconds(3));

        assertEquals(1_250 * MILLI, neverReported.get(50), "the first counted as written 250 ms after its"
                + " permit, until a second later");
        assertEquals(SECOND, unsent.get(50), "never sent: only the bucket's spacing");
    }

    @Test
    void aRequestCountsUntilOneSecondAfterItsAnswerAndAnUnansweredOneUntilOneSecondAfterItsLongestWait() {
        // The permits are spaced (1 s + 10 ms) / 50 = 20.2 ms by the bucket; the first request is written 30 ms after
        // its permit, every other one at once. Three budgets: answers 2 ms after each request, answers 100 ms after
        // each, no answers (and 1 s as the longest wait).
        RateLimiter limiter = TokenBucketRateLimiter.create(
                RateLimits.DEFAULT.withJitterMargins(Duration.ofMillis(10), Duration.ofSeconds(1)), time);
        List<Long> quick = answeringAfter(limiter, CREATE, Duration.ofMillis(2));
        List<Long> slow = answeringAfter(limiter, key("AKIDSLOW"), Duration.ofMillis(100));
        List<Long> never = answeringAfter(limiter, key("AKIDNEVER"), null);
        time.advanceTimeBy(Duration.ofSeconds(5));

        assertEquals(49 * 20_200_000L, quick.get(49), "the bucket's spacing up to the 50th");
        assertEquals(1_022_200_000L, quick.get(50), "not at the bucket's 1.01 s: the second request, answered at"
                + " 22.2 ms, is the first to leave the server's window");
        assertEquals(1_120_200_000L, slow.get(50), "the second request was answered at 120.2 ms");
        assertEquals(2_000_000_000L, never.get(50), "the first, never answered, counts as answered 1 s after its"
                + " permit");
    }

    private static RateLimitKey key(String accessKeyId) {
        return new RateLimitKey(CREATE.endpoint(), CREATE.region(), accessKeyId, CREATE.operation());
    }

    /**
     * Asks for 51 permits of {@code key}; writes the first request 30 ms after its permit and the others at once,
     * and answers each {@code answer} after it was written (never when null). Returns the grant times in order.
     */
    private List<Long> answeringAfter(RateLimiter limiter, RateLimitKey key, Duration answer) {
        List<Long> granted = new CopyOnWriteArrayList<>();
        IntStream.range(0, 51).forEach(i -> limiter.permit(key).subscribe(permit -> {
            granted.add(time.now(TimeUnit.NANOSECONDS));
            long lag = i == 0 ? 30 : 0;
            time.schedule(permit::written, lag, TimeUnit.MILLISECONDS);
            if (answer != null) {
                time.schedule(permit::answered, lag + answer.toMillis(), TimeUnit.MILLISECONDS);
            }
        }));
        return granted;
    }

    /** A lag meaning "report the permit unsent" for {@link #takeAndWrite}. */
    private static final Duration UNSENT = Duration.ofDays(-1);
    private final List<Long> writtenTimes = new CopyOnWriteArrayList<>();

    /**
     * Asks for {@code count} permits of {@code key} at once and reports each written and answered {@code lag.apply(i)}
     * after its grant (null: never reported; {@link #UNSENT}: reported unsent); returns the grant times in order.
     */
    private List<Long> takeAndWrite(RateLimiter limiter, RateLimitKey key, int count, IntFunction<Duration> lag) {
        List<Long> granted = new CopyOnWriteArrayList<>();
        IntStream.range(0, count).forEach(i -> limiter.permit(key).subscribe(permit -> {
            granted.add(time.now(TimeUnit.NANOSECONDS));
            Duration after = lag.apply(i);
            if (after == UNSENT) {
                permit.unsent();
            } else if (after != null) {
                time.schedule(() -> {
                    writtenTimes.add(time.now(TimeUnit.NANOSECONDS));
                    permit.written();
                    permit.answered();
                }, after.toNanos(), TimeUnit.NANOSECONDS);
            }
        }));
        return granted;
    }

    @Test
    void lateTimersDoNotSlowThePaceBecauseEachSlotIsReservedBeforeItComes() {
        // Every timer fires 3 ms late, as on a busy machine. Polling a capacity-1 bucket at the late moment would
        // lose those 3 ms per permit (call 99 at 99 * 23 ms); the reserved slots keep the bucket's own pace.
        Scheduler lateTimers = new LateTimers(time, 3 * MILLI);
        RateLimiter limiter = TokenBucketRateLimiter.create(EXACT, lateTimers);
        IntStream.range(0, 100).forEach(i -> calls.start(limiter, CREATE, i));
        time.advanceTimeBy(Duration.ofSeconds(10));

        List<Long> starts = calls.timesInOrder();
        assertEquals(100, starts.size());
        assertEquals(0L, starts.get(0), "the first token is there");
        IntStream.range(1, 100).forEach(i ->
                assertEquals(i * 20 * MILLI + 3 * MILLI, starts.get(i), "start of call " + i));
    }

    @Test
    void grantsAreFirstComeFirstServedAcrossWaitsAndLateArrivals() {
        RateLimiter limiter = TokenBucketRateLimiter.create(
                EXACT.with(Operation.CREATE_BACKUP, RateLimit.perSecond(10).withBurst(3)), time);
        IntStream.range(0, 30).forEach(i -> calls.start(limiter, CREATE, i));
        assertEquals(List.of(0, 1, 2), calls.idsInOrder(), "the burst starts at once, the rest waits");
        time.advanceTimeBy(Duration.ofMillis(1500));
        IntStream.range(30, 40).forEach(i -> calls.start(limiter, CREATE, i));
        time.advanceTimeBy(Duration.ofSeconds(10));

        assertEquals(IntStream.range(0, 40).boxed().toList(), calls.idsInOrder());
        List<Long> starts = calls.timesInOrder();
        for (int i = 1; i < starts.size(); i++) {
            assertTrue(starts.get(i - 1) <= starts.get(i), "start " + i + " before start " + (i - 1));
        }
    }

    @Test
    void cancelledWaitersGiveTheirPermitsBackToTheCallersBehindThem() {
        // Reference: 21 calls, nobody cancels; call i starts at i * 20 ms.
        RateLimiter reference = TokenBucketRateLimiter.create(EXACT, time);
        PermitTimes uncancelled = new PermitTimes(time);
        IntStream.rangeClosed(0, 20).forEach(i -> uncancelled.start(reference, CREATE, i));
        time.advanceTimeBy(Duration.ofSeconds(5));
        assertEquals(21, uncancelled.times().size());

        VirtualTimeScheduler otherTime = VirtualTimeScheduler.create();
        try {
            RateLimiter limiter = TokenBucketRateLimiter.create(EXACT, otherTime);
            PermitTimes cancelling = new PermitTimes(otherTime);
            List<Disposable> subscriptions = new ArrayList<>();
            IntStream.rangeClosed(0, 20).forEach(i -> subscriptions.add(cancelling.start(limiter, CREATE, i)));
            subscriptions.subList(1, 11).forEach(Disposable::dispose);
            IntStream.rangeClosed(21, 30).forEach(i -> cancelling.start(limiter, CREATE, i));
            otherTime.advanceTimeBy(Duration.ofSeconds(5));

            Map<Integer, Long> started = cancelling.times();
            assertEquals(21, started.size(), "10 cancelled of 31");
            IntStream.rangeClosed(1, 10).forEach(i -> {
                assertNull(started.get(i), "cancelled waiter " + i + " started");
                assertEquals(uncancelled.times().get(i), started.get(i + 10), "waiter " + (i + 10) + " moved up");
                assertEquals(uncancelled.times().get(i + 10), started.get(i + 20), "new caller " + (i + 20));
            });
            assertEquals(20 * MILLI, minGap(cancelling.timesInOrder()),
                    "cancellations never let two calls start closer than the limit allows");
        } finally {
            otherTime.dispose();
        }
    }

    @Test
    void cancellingEveryWaiterLeavesTheBucketAsIfTheyHadNeverAsked() {
        RateLimiter limiter = TokenBucketRateLimiter.create(EXACT, time);
        calls.start(limiter, CREATE, 0);
        List<Disposable> waiters = IntStream.rangeClosed(1, 100).mapToObj(i -> calls.start(limiter, CREATE, i)).toList();
        time.advanceTimeBy(Duration.ofMillis(5));
        waiters.forEach(Disposable::dispose);
        calls.start(limiter, CREATE, 101);
        time.advanceTimeBy(Duration.ofSeconds(5));

        assertEquals(Map.of(0, 0L, 101, 20 * MILLI), calls.times(), "the next caller takes the first free slot");
    }

    @Test
    void waiterBoundRefusesAtOnceWithAMessageNamingOperationAndBound() {
        RateLimiter limiter = TokenBucketRateLimiter.create(EXACT.withMaxWaiters(3), time);
        calls.start(limiter, CREATE, 0);
        Disposable firstWaiter = calls.start(limiter, CREATE, 1);
        calls.start(limiter, CREATE, 2);
        calls.start(limiter, CREATE, 3);

        Throwable refused = errorWithoutWaiting(limiter.acquire(CREATE));
        RateLimitQueueFullException full = assertInstanceOf(RateLimitQueueFullException.class, refused);
        assertEquals(3, full.maxWaiters());
        assertTrue(full.getMessage().contains("CreateBackup") && full.getMessage().contains("the bound is 3 waiters"),
                full.getMessage());
        assertFalse(full.getMessage().contains("AKIDEXAMPLE"), full.getMessage());
        assertNull(errorWithoutWaiting(limiter.acquire(new RateLimitKey(CREATE.endpoint(), CREATE.region(),
                CREATE.accessKeyId(), "DescribeBackup"))), "another budget is not full");

        firstWaiter.dispose();
        calls.start(limiter, CREATE, 4);
        time.advanceTimeBy(Duration.ofSeconds(1));
        assertEquals(List.of(0, 2, 3, 4), calls.idsInOrder(), "a freed place can be taken again");
    }

    @Test
    void eachEndpointRegionAccessKeyAndOperationHasItsOwnBucket() {
        RateLimiter limiter = TokenBucketRateLimiter.create(EXACT, time);
        List<RateLimitKey> keys = List.of(CREATE,
                new RateLimitKey(CREATE.endpoint(), CREATE.region(), CREATE.accessKeyId(), "DeleteBackup"),
                new RateLimitKey("http://127.0.0.1:8001", CREATE.region(), CREATE.accessKeyId(), "CreateBackup"),
                new RateLimitKey(CREATE.endpoint(), "eu-west-1", CREATE.accessKeyId(), "CreateBackup"),
                new RateLimitKey(CREATE.endpoint(), CREATE.region(), "AKIDOTHER", "CreateBackup"));
        IntStream.range(0, keys.size()).forEach(i -> calls.start(limiter, keys.get(i), i));
        calls.start(limiter, CREATE, 99);

        assertEquals(Map.of(0, 0L, 1, 0L, 2, 0L, 3, 0L, 4, 0L), calls.times(), "each first call at once");
        time.advanceTimeBy(Duration.ofSeconds(1));
        assertEquals(20 * MILLI, calls.times().get(99), "the same key waits its turn");
    }

    @Test
    void burstStartsAtOnceYetNoSecondEverHoldsMoreThanTheCeiling() {
        RateLimiter limiter = TokenBucketRateLimiter.create(
                EXACT.with(Operation.CREATE_BACKUP, RateLimit.perSecond(50).withBurst(10)), time);
        IntStream.range(0, 1000).forEach(i -> calls.start(limiter, CREATE, i));
        assertEquals(10, calls.times().size(), "the burst starts before any time passes");
        time.advanceTimeBy(Duration.ofSeconds(60));

        List<Long> starts = calls.timesInOrder();
        assertEquals(1000, starts.size());
        assertEquals(50, maxStartsInAnyWindow(starts, SECOND));
        assertEquals(990 * 24_390_244L, starts.get(999), "after the burst, 41 per second");
    }

    @Test
    void unlimitedAndUnlistedOperationsAreGrantedAtOnceWithoutAnyBound() {
        RateLimiter limiter = TokenBucketRateLimiter.create(EXACT.withMaxWaiters(1), time);
        RateLimitKey listTables = new RateLimitKey(CREATE.endpoint(), CREATE.region(), CREATE.accessKeyId(),
                "ListTables");
        IntStream.range(0, 10_000).forEach(i -> calls.start(limiter, listTables, i));
        IntStream.range(10_000, 20_000).forEach(i -> calls.start(RateLimiter.UNLIMITED, CREATE, i));

        assertEquals(20_000, calls.times().size());
        assertTrue(calls.times().values().stream().allMatch(t -> t == 0L));
    }

    @Test
    void waitsAreTimersOnTheParallelSchedulerNotBlockedThreads() {
        RateLimiter limiter = TokenBucketRateLimiter.create(
                RateLimits.NONE.with(Operation.CREATE_BACKUP, RateLimit.perSecond(1000)), Schedulers.parallel());
        PermitThreads.assertDeliveredOnParallelThreads(limiter, CREATE, 40);
    }

    private static Throwable errorWithoutWaiting(Mono<Void> acquire) {
        AtomicReference<Throwable> error = new AtomicReference<>();
        AtomicReference<Boolean> done = new AtomicReference<>(false);
        acquire.subscribe(v -> { }, error::set, () -> done.set(true));
        assertTrue(error.get() != null || done.get(), "neither refused nor granted at once");
        return error.get();
    }

    /** The most starts in any half-open window {@code (t - window, t]}; windows ending at a start suffice. */
    private static int maxStartsInAnyWindow(List<Long> sortedStarts, long window) {
        int max = 0;
        for (int first = 0, last = 0; last < sortedStarts.size(); last++) {
            while (sortedStarts.get(first) <= sortedStarts.get(last) - window) {
                first++;
            }
            max = Math.max(max, last - first + 1);
        }
        return max;
    }

    private static long minGap(List<Long> sortedStarts) {
        long min = Long.MAX_VALUE;
        for (int i = 1; i < sortedStarts.size(); i++) {
            min = Math.min(min, sortedStarts.get(i) - sortedStarts.get(i - 1));
        }
        return min;
    }

    /** A scheduler whose delayed tasks all run {@code lateness} after they were due. */
    private record LateTimers(VirtualTimeScheduler time, long lateness) implements Scheduler {
        @Override
        public Disposable schedule(Runnable task) {
            return time.schedule(task);
        }

        @Override
        public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
            return time.schedule(task, unit.toNanos(delay) + lateness, TimeUnit.NANOSECONDS);
        }

        @Override
        public long now(TimeUnit unit) {
            return time.now(unit);
        }

        @Override
        public Worker createWorker() {
            return time.createWorker();
        }
    }
}
