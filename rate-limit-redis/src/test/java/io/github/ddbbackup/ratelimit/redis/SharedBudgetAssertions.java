package io.github.ddbbackup.ratelimit.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.emulator.DynamoDbEmulator;
import io.github.ddbbackup.emulator.EmulatorStats;
import io.github.ddbbackup.ratelimit.RateLimits;
import io.github.ddbbackup.emulator.ReceivedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The settings of the shared-budget tests and what the emulator must have seen after several instances backed up
 * tables on one budget. Published in this module's test-jar for the CLI's multi-process test.
 */
public final class SharedBudgetAssertions {

    /**
     * DynamoDB's defaults (50 CreateBackup per second, default margins): the tests run at the rate users get, and
     * check the emulator's arrival times ({@link #assertAtMostFiftyArrivalsInAnySecondAndNoLimitExceeded}).
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
     * The emulator saw at most 50 CreateBackup requests arrive in any 1-second window (by the times it recorded them,
     * refused ones included) and refused none with LimitExceededException: what the instances' shared wire log
     * guarantees, whatever their lags.
     */
    public static void assertAtMostFiftyArrivalsInAnySecondAndNoLimitExceeded(DynamoDbEmulator emulator) {
        EmulatorStats stats = emulator.stats();
        assertTrue(stats.maxRequestsInAnyWindow("CreateBackup") <= 50, () -> arrivals(emulator));
        assertEquals(0, stats.limitExceededCount("CreateBackup"), () -> arrivals(emulator));
    }

    /**
     * What the emulator saw arrive, for the test's output and failures: the most CreateBackup requests in any
     * 1-second window by the times it recorded them (refused ones included), the LimitExceeded count, and the densest
     * second.
     */
    public static String arrivals(DynamoDbEmulator emulator) {
        EmulatorStats stats = emulator.stats();
        return "most CreateBackup arrivals in any second " + stats.maxRequestsInAnyWindow("CreateBackup")
                + ", LimitExceededException " + stats.limitExceededCount("CreateBackup")
                + "; the densest second, ms after the first request: " + densestSecond(stats);
    }

    /** The arrival times of the densest second, in milliseconds after the first CreateBackup, for a failure. */
    private static List<Long> densestSecond(EmulatorStats stats) {
        List<Instant> arrivals = stats.requests("CreateBackup").stream().map(ReceivedRequest::receivedAt).sorted()
                .toList();
        int bestFirst = 0;
        int best = 0;
        for (int first = 0, last = 0; last < arrivals.size(); last++) {
            while (!arrivals.get(first).isAfter(arrivals.get(last).minusSeconds(1))) {
                first++;
            }
            if (last - first + 1 > best) {
                best = last - first + 1;
                bestFirst = first;
            }
        }
        Instant start = arrivals.isEmpty() ? Instant.EPOCH : arrivals.get(0);
        return arrivals.subList(bestFirst, bestFirst + best).stream()
                .map(at -> Duration.between(start, at).toMillis()).toList();
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
