package io.github.ddbbackup.ratelimit.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.emulator.DynamoDbEmulator;
import io.github.ddbbackup.emulator.EmulatorStats;
import io.github.ddbbackup.ratelimit.RateLimits;
import java.time.Duration;

/**
 * The settings of the shared-budget tests and what the emulator must have seen after several instances backed up
 * tables on one budget. Published in this module's test-jar for the CLI's multi-process test.
 */
public final class SharedBudgetAssertions {

    /**
     * DynamoDB's defaults (50 CreateBackup per second, 25 ms jitter margin): the tests run at the real rate. How many
     * calls the emulator reads in one second also depends on how late each arrives after its permit, which a loaded
     * machine stretches by more than the margin; so the rate is asserted on the permits, and at the emulator only
     * what holds however late the calls arrive ({@link #assertEveryTableBackedUpOnceAndEveryLimitExceededRetried}).
     */
    public static final RateLimits LIMITS = RateLimits.DEFAULT;

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

    /**
     * Every one of {@code tables} tables backed up exactly once, and every CreateBackup the emulator refused with
     * LimitExceededException retried: one admitted call per table, and as many requests besides as refusals.
     */
    public static void assertEveryTableBackedUpOnceAndEveryLimitExceededRetried(DynamoDbEmulator emulator,
                                                                                int tables) {
        EmulatorStats stats = emulator.stats();
        assertEquals(tables, stats.backupsByTable().size(), "tables backed up");
        assertTrue(stats.backupsByTable().values().stream().allMatch(backups -> backups.size() == 1), "none doubled");
        long refused = stats.limitExceededCount("CreateBackup");
        assertEquals(tables, stats.callCount("CreateBackup"), "one admitted CreateBackup call per table");
        assertEquals(tables + refused, stats.requestCount("CreateBackup"),
                "each of the " + refused + " LimitExceededException answers retried once more, nothing else sent");
    }
}
