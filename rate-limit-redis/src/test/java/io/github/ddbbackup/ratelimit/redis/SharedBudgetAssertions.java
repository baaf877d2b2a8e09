package io.github.ddbbackup.ratelimit.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.emulator.DynamoDbEmulator;
import io.github.ddbbackup.emulator.EmulatorStats;
import io.github.ddbbackup.emulator.ReceivedRequest;
import io.github.ddbbackup.reactor.RateLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the emulator must have seen when several instances backed up tables on one shared budget of 50/s. Published
 * in this module's test-jar for the CLI's multi-process test.
 */
public final class SharedBudgetAssertions {

    /**
     * The jitter margin of the tests' limits. The limiter guarantees at most 50 permits in any window of
     * {@code 1 s + margin}; the emulator counts calls when it has read them, so it never refuses one as long as the
     * lag from permit to emulator varies by less than the margin. The default 10 ms is for one process and a network;
     * here three clients (or JVMs), Redis and the emulator share two cores with whatever else the machine runs. Measured
     * with the machine loaded by another build (load average 10 on 2 cores), by rank over 600 calls: lag p50 1 ms,
     * p90 20 ms, p99 87 ms, max 275 ms, and a 50 ms margin then saw 1 LimitExceededException in about one run of two,
     * in the middle of the run (not at the start: the clients are warmed up, see SharedBudgetEmulatorTest.warmUp). 250 ms
     * covers that spread; it costs 20% of the rate (40 calls per second), which only makes the runs a little longer.
     */
    public static final Duration JITTER_MARGIN = Duration.ofMillis(250);

    /** DynamoDB's limits with {@link #JITTER_MARGIN}. */
    public static final RateLimits LIMITS = RateLimits.DYNAMODB_DEFAULTS.withJitterMargin(JITTER_MARGIN);

    /**
     * The connect timeout of the tests' limiters: JVMs starting at once on two busy cores have taken over five seconds
     * to load Lettuce, Netty and Bucket4j and answer their first permit. What is tested here is the shared budget, not
     * how patient a permit is (RedisRateLimiterTest tests the timeouts). The CLI uses the same for its jobs.
     */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    /** The Redis timeout of the tests' limiters: a starved JVM has been seen to take over a second to read an answer. */
    public static final Duration REDIS_TIMEOUT = Duration.ofSeconds(5);

    private SharedBudgetAssertions() {
    }

    /** {@link #assertOneBudgetOfFiftyPerSecond(DynamoDbEmulator, int, double)} at the pace of {@link #LIMITS}. */
    public static void assertOneBudgetOfFiftyPerSecond(DynamoDbEmulator emulator, int tables) {
        assertOneBudgetOfFiftyPerSecond(emulator, tables, pace(50, JITTER_MARGIN));
    }

    /**
     * The steady pace of a budget of {@code permitsPerSecond} with {@code jitterMargin}, in calls per second: its
     * bucket holds {@code ceil(permitsPerSecond)} per window of {@code 1 s + jitterMargin}.
     */
    public static double pace(double permitsPerSecond, Duration jitterMargin) {
        return Math.ceil(permitsPerSecond) / (1 + jitterMargin.toNanos() / 1e9);
    }

    /**
     * Every table backed up exactly once, no LimitExceededException, never more than 50 calls in a 1-second window
     * (and close to {@code pace} in the busiest one), and the calls spread over close to {@code tables / pace}
     * seconds: from {@code (tables - 50) / 50} (the least DynamoDB's limit allows) to 1.25 times {@code tables / pace}.
     * Each instance reserves its next slot in Redis at its current slot, so Redis round trips and late timers do not
     * add up into the pace (RedisRateLimiterTest.aSlotDelayLongerThanTheSpacingStillKeepsTheBucketsPace); the 25%
     * are for the start (JVMs and clients warming up while the first slots pass) on a loaded machine.
     *
     * @param pace the calls per second the limiter allows, at most 50 (see {@link #pace})
     */
    public static void assertOneBudgetOfFiftyPerSecond(DynamoDbEmulator emulator, int tables, double pace) {
        EmulatorStats stats = emulator.stats();
        List<ReceivedRequest> all = stats.requests("CreateBackup");
        assertEquals(0, stats.limitExceededCount("CreateBackup"), () -> "DynamoDB's limit was never hit; refused at "
                + all.stream().filter(r -> r.errorCode().isPresent())
                .map(r -> Duration.between(all.get(0).receivedAt(), r.receivedAt()).toMillis() + " ms").toList()
                + " after the first call");
        assertEquals(tables, stats.callCount("CreateBackup"), "one call per table");
        assertEquals(tables, stats.backupsByTable().size());
        assertTrue(stats.backupsByTable().values().stream().allMatch(backups -> backups.size() == 1), "none doubled");
        int busiest = stats.maxCallsInAnyWindow("CreateBackup");
        // Lag can only thin a window out, by the calls it pushes into the next one.
        assertTrue(busiest <= 50 && busiest >= Math.floor(0.85 * pace), "the busiest 1-second window held " + busiest
                + " calls; the pace is " + pace + " per second");

        List<Instant> received = stats.requests("CreateBackup").stream()
                .filter(request -> request.status() == 200)
                .map(ReceivedRequest::receivedAt)
                .sorted()
                .toList();
        assertEquals(tables, received.size());
        double spread = Duration.between(received.get(0), received.get(tables - 1)).toMillis() / 1000.0;
        double least = (tables - 50) / 50.0;
        double most = tables / pace * 1.25;
        assertTrue(spread >= least && spread <= most, "the " + tables + " calls spread over " + spread
                + " s; expected " + least + ".." + most + " s, close to " + tables / pace + " s");
    }
}
