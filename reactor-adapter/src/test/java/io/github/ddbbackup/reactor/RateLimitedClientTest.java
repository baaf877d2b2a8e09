package io.github.ddbbackup.reactor;

import io.github.ddbbackup.core.error.TransportException;
import io.github.ddbbackup.ratelimit.RateLimitKey;
import io.github.ddbbackup.ratelimit.RateLimiter;
import io.github.ddbbackup.ratelimit.SendPermit;
import io.github.ddbbackup.ratelimit.TokenBucketRateLimiter;
import io.github.ddbbackup.ratelimit.RateLimits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/** The client's own token bucket pacing CreateBackup calls, measured on virtual time at the transport. */
class RateLimitedClientTest {

    @Test
    void thousandCreateBackupsTakeTwentyVirtualSecondsAndNeverFiftyOneInASecond() {
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        List<Long> sentAt = new CopyOnWriteArrayList<>();
        DynamoDbBackupClient client = client(time, recording(time, TimeUnit.MILLISECONDS, sentAt),
                RateLimits.DEFAULT.withJitterMargin(Duration.ZERO),
                Timeouts.DEFAULT.withOverall(Duration.ofMinutes(5)));

        createAll(client, time, 1000, Duration.ofSeconds(25));

        assertEquals(1000, sentAt.size());
        long last = sentAt.stream().mapToLong(Long::longValue).max().orElseThrow();
        assertTrue(last >= 19_960 && last <= 20_000, "the 1000th call started at " + last + " ms");
        assertEquals(50, busiestSecond(sentAt, TimeUnit.MILLISECONDS), "most calls started in any 1-second window");
    }

    @Test
    void backupAllAtTheDefaultLimitWritesAtMostFiftyCreateBackupsInAnySecond() {
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        List<Long> writtenAt = new CopyOnWriteArrayList<>();
        DynamoDbBackupClient client = client(time, recording(time, TimeUnit.NANOSECONDS, writtenAt),
                RateLimits.DEFAULT, Timeouts.DEFAULT);

        StepVerifier.withVirtualTime(() -> client.backupAll(Flux.range(0, 300).map(i -> "table-" + i),
                        BackupPlan.DEFAULT), () -> time, Long.MAX_VALUE)
                .thenAwait(Duration.ofSeconds(10))
                .expectNextCount(300)
                .verifyComplete();

        assertEquals(300, writtenAt.size());
        assertTrue(busiestSecond(writtenAt, TimeUnit.NANOSECONDS) <= 50, "at most 50 written in any second");
        // Written at once after each permit, no lag to learn: the default margin, 5 ms, stretches the 1-second window
        // to 1.005 s: one request every 20.1 ms, exactly.
        List<Long> sorted = writtenAt.stream().sorted().toList();
        for (int i = 0; i < sorted.size(); i++) {
            assertEquals(i * 20_100_000L, sorted.get(i), "request " + i + " written at its slot");
        }
        assertEquals(50, busiestSecond(writtenAt, TimeUnit.NANOSECONDS));
    }

    /**
     * The process stalls for 60 ms every 2 seconds, from 1 s to 13 s: a request given to the transport during a
     * stall is written when it ends, the others at once. The lags spread from 0 to 60 ms, and the calls of one stall
     * reach the wire together, the way a busy machine sends them.
     */
    private static long stallEnd(long nanos) {
        long second = TimeUnit.SECONDS.toNanos(1);
        long sinceStall = (nanos - second) % (2 * second);
        boolean stalled = nanos >= second && nanos < 13 * second && sinceStall < STALL.toNanos();
        return stalled ? nanos - sinceStall + STALL.toNanos() : nanos;
    }

    private static final Duration STALL = Duration.ofMillis(60);

    @Test
    void writesStayFiftyInAnySecondThroughStallsOfSixtyMillisecondsAndThePaceReturnsAfter() {
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        Map<Integer, Long> writtenAt = new ConcurrentHashMap<>();
        DynamoDbBackupClient client = client(time, stalling(time, writtenAt), RateLimits.DEFAULT,
                Timeouts.DEFAULT.withOverall(Duration.ofMinutes(5)));

        createAll(client, time, 1000, Duration.ofSeconds(30));

        assertEquals(1000, writtenAt.size());
        assertTrue(busiestSecond(List.copyOf(writtenAt.values()), TimeUnit.NANOSECONDS) <= 50,
                "most written in any 1-second window: " + busiestSecond(List.copyOf(writtenAt.values()),
                        TimeUnit.NANOSECONDS));
        // The limiter counts each call from when it was written: a stall holds back only the calls it delays, by
        // what it delays them, and half a second after it the requests leave 20.1 ms apart again (1 s + 5 ms per 50).
        long afterStall = writtenAt.values().stream().filter(at -> at > 3_500_000_000L).min(Long::compare)
                .orElseThrow();
        List<Long> sorted = writtenAt.values().stream().sorted().toList();
        int next = sorted.indexOf(afterStall);
        assertEquals(20_100_000L, sorted.get(next + 1) - sorted.get(next), "0.5 s after a stall");
        // Six stalls of 60 ms cost at most their 360 ms over the 20.08 s of 1,000 calls at 20.1 ms.
        assertTrue(sorted.get(999) <= 999 * 20_100_000L + 360_000_000L, "last written at " + sorted.get(999));
    }

    @Test
    void countedAtTheirPermitsInsteadTheCallsOfTheStallsBunchMoreThanFiftyWritesIntoOneSecond() {
        // The same stalls, the same bucket, but the limiter only asked for permits (RateLimiter.acquire), so it
        // counts each call when it is permitted, not when it reaches the wire: the calls held back by a stall reach
        // the wire together, and the pace behind them does not leave room for them. What the wire log prevents.
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        Map<Integer, Long> writtenAt = new ConcurrentHashMap<>();
        TokenBucketRateLimiter bucket = TokenBucketRateLimiter.create(RateLimits.DEFAULT, time);
        RateLimiter permitsOnly = bucket::acquire;
        DynamoDbBackupClient client = ScriptedClients.builder(stalling(time, writtenAt)).scheduler(time)
                .rateLimiter(permitsOnly).timeouts(Timeouts.DEFAULT.withOverall(Duration.ofMinutes(5))).build();

        createAll(client, time, 300, Duration.ofSeconds(30));

        assertTrue(busiestSecond(List.copyOf(writtenAt.values()), TimeUnit.NANOSECONDS) > 50);
    }

    @Test
    void eachPermitIsToldWhatBecameOfItsAttemptUnsentWhenRefusedBeforeWritingElseWrittenThenAnswered() {
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        List<String> told = new CopyOnWriteArrayList<>();
        RateLimiter listening = new RateLimiter() {
            @Override
            public Mono<Void> acquire(RateLimitKey key) {
                return Mono.empty();
            }

            @Override
            public Mono<SendPermit> permit(RateLimitKey key) {
                int permit = told.size();
                return Mono.just(new SendPermit() {
                    @Override
                    public void written() {
                        told.add(permit + " written at " + time.now(TimeUnit.MILLISECONDS));
                    }

                    @Override
                    public void answered() {
                        told.add(permit + " answered at " + time.now(TimeUnit.MILLISECONDS));
                    }

                    @Override
                    public void unsent() {
                        told.add(permit + " unsent");
                    }
                });
            }
        };
        AtomicInteger attempts = new AtomicInteger();
        Exchange refusedThenLate = (headers, body, attempt) -> attempts.getAndIncrement() == 0
                ? Mono.error(new TransportException("connection refused", false, true,
                        new java.net.ConnectException("connection refused")))
                : Mono.delay(Duration.ofMillis(40), time).map(tick -> {
                    attempt.written();
                    return new RawResponse(200, "rid", null, ScriptedClientTest.CREATED.getBytes());
                });
        DynamoDbBackupClient client = ScriptedClients.builder(refusedThenLate).scheduler(time)
                .rateLimiter(listening).build();

        StepVerifier.withVirtualTime(() -> client.createBackup("orders", "orders-1"), () -> time, Long.MAX_VALUE)
                .thenAwait(Duration.ofSeconds(5))
                .expectNextCount(1)
                .verifyComplete();

        assertEquals(2, attempts.get(), "refused before writing, then retried");
        assertEquals(3, told.size(), told.toString());
        assertEquals("0 unsent", told.get(0), "the refused attempt: never sent");
        long retriedAt = Long.parseLong(told.get(1).substring("1 written at ".length()));
        assertEquals(List.of("1 written at " + retriedAt, "1 answered at " + retriedAt), told.subList(1, 3),
                "the retry: written 40 ms after its permit, answered as it was written");
    }

    /**
     * A transport that writes each request when the stall it was given in ends ({@link #stallEnd}), at once outside
     * stalls, records when each was written (by the order it was given) and answers at once.
     */
    static Exchange stalling(VirtualTimeScheduler time, Map<Integer, Long> writtenAt) {
        AtomicInteger calls = new AtomicInteger();
        return (headers, body, attempt) -> {
            int call = calls.getAndIncrement();
            long now = time.now(TimeUnit.NANOSECONDS);
            long wait = stallEnd(now) - now;
            Mono<Long> written = wait == 0 ? Mono.just(0L) : Mono.delay(Duration.ofNanos(wait), time);
            return written.map(tick -> {
                writtenAt.put(call, time.now(TimeUnit.NANOSECONDS));
                attempt.written();
                return new RawResponse(200, "rid", null, ScriptedClientTest.CREATED.getBytes());
            });
        };
    }

    /** {@code count} CreateBackup calls at once, all created within {@code within} of virtual time. */
    private static void createAll(DynamoDbBackupClient client, VirtualTimeScheduler time, int count, Duration within) {
        StepVerifier.withVirtualTime(() -> Flux.range(0, count)
                                .flatMap(i -> client.createBackup("orders", "orders-" + i), count),
                        () -> time, Long.MAX_VALUE)
                .thenAwait(within)
                .expectNextCount(count)
                .verifyComplete();
    }

    /** A transport that answers every CreateBackup at once, adding the virtual time of each request to {@code into}. */
    static Exchange recording(VirtualTimeScheduler time, TimeUnit unit, List<Long> into) {
        return (headers, body, attempt) -> Mono.fromSupplier(() -> {
            into.add(time.now(unit));
            attempt.written();
            return new RawResponse(200, "rid", null, ScriptedClientTest.CREATED.getBytes());
        });
    }

    /** The most times that fall within one second, [t, t + 1 s), for any t. */
    static int busiestSecond(List<Long> times, TimeUnit unit) {
        List<Long> sorted = times.stream().sorted().toList();
        long second = unit.convert(1, TimeUnit.SECONDS);
        int busiest = 0;
        for (int i = 0, j = 0; i < sorted.size(); i++) {
            while (sorted.get(i) - sorted.get(j) >= second) {
                j++;
            }
            busiest = Math.max(busiest, i - j + 1);
        }
        return busiest;
    }

    static DynamoDbBackupClient client(VirtualTimeScheduler time, Exchange exchange, RateLimits limits,
                                       Timeouts timeouts) {
        return ScriptedClients.builder(exchange).scheduler(time).rateLimits(limits).timeouts(timeouts).build();
    }
}
