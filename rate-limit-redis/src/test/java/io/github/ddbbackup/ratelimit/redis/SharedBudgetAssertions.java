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
     * The jitter margin of the tests' limits. The default 10 ms absorbs the lateness of a call between its permit and
     * DynamoDB within one process; here three clients, Redis and the emulator share two cores (with whatever else the
     * machine runs), and a call can reach the emulator tens of milliseconds after its slot, bunched with the next.
     * 50 ms costs 5% of the rate: 47.6 calls per second.
     */
    public static final Duration JITTER_MARGIN = Duration.ofMillis(50);

    /** DynamoDB's limits with {@link #JITTER_MARGIN}. */
    public static final RateLimits LIMITS = RateLimits.DYNAMODB_DEFAULTS.withJitterMargin(JITTER_MARGIN);

    /**
     * The connect timeout of the tests' limiters: three JVMs starting at once on two busy cores have taken over five
     * seconds to load Lettuce, Netty and Bucket4j and answer their first permit. What is tested here is the shared
     * budget, not how patient a permit is (RedisRateLimiterTest tests the timeouts).
     */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    /** The Redis timeout of the tests' limiters: a starved JVM has been seen to take over a second to read an answer. */
    public static final Duration REDIS_TIMEOUT = Duration.ofSeconds(5);

    private SharedBudgetAssertions() {
    }

    /** {@link #assertOneBudgetOfFiftyPerSecond(DynamoDbEmulator, int, Duration)} with {@link #JITTER_MARGIN}. */
    public static void assertOneBudgetOfFiftyPerSecond(DynamoDbEmulator emulator, int tables) {
        assertOneBudgetOfFiftyPerSecond(emulator, tables, JITTER_MARGIN);
    }

    /**
     * Every table backed up exactly once, no LimitExceededException, never more than 50 calls in a 1-second window
     * (and close to 50 in the busiest one), and the calls spread over close to {@code tables / 50} seconds: from
     * {@code (tables - 50) / 50} (the least the window allows) to 15% above the pace the jitter margin allows.
     */
    public static void assertOneBudgetOfFiftyPerSecond(DynamoDbEmulator emulator, int tables, Duration jitterMargin) {
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
        assertTrue(busiest <= 50 && busiest >= 45, "the busiest 1-second window held " + busiest + " calls");

        List<Instant> received = stats.requests("CreateBackup").stream()
                .filter(request -> request.status() == 200)
                .map(ReceivedRequest::receivedAt)
                .sorted()
                .toList();
        assertEquals(tables, received.size());
        double spread = Duration.between(received.get(0), received.get(tables - 1)).toMillis() / 1000.0;
        double least = (tables - 50) / 50.0;
        double most = tables * (1 + jitterMargin.toMillis() / 1000.0) / 50 * 1.15;
        assertTrue(spread >= least && spread <= most, "the " + tables + " calls spread over " + spread
                + " s; expected " + least + ".." + most + " s, close to " + tables / 50.0 + " s");
    }
}
