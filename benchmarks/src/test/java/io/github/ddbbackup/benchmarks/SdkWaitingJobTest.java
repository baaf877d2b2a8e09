package io.github.ddbbackup.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.emulator.DynamoDbEmulator;
import io.github.ddbbackup.emulator.EmulatorRateLimits;
import io.github.ddbbackup.emulator.EmulatorStats;
import io.github.ddbbackup.reactor.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The SDK side's DescribeBackup loop, on an emulator whose clock the test moves: backups stay CREATING until the test
 * lets their creation delay pass, so the loop is seen to keep looking while they are CREATING, to end each table only
 * once its backup is AVAILABLE, and to count every call it sent.
 */
class SdkWaitingJobTest {

    private static final int TABLES = 12;
    private static final Duration CREATING = Duration.ofSeconds(30);

    @Test
    @Timeout(120)
    void looksUntilEachBackupIsAvailableAndCountsEveryCall() throws Exception {
        AtomicLong movedNanos = new AtomicLong();
        try (DynamoDbEmulator emulator = DynamoDbEmulator.builder()
                .clock(new VirtualClock(Instant.now(), movedNanos::get))
                .rateLimits(EmulatorRateLimits.NONE)
                .backupCreationDelay(CREATING)
                .build()) {
            emulator.start();
            List<String> tables = emulator.createTables("t-", TABLES);
            try (SdkContender sdk = SdkContender.on(emulator, 8, CarefulSdkRetries.strategy())) {
                SdkWaitingJob job = new SdkWaitingJob(sdk.client(), 8, Duration.ofMillis(20), Duration.ofMinutes(2));
                CompletableFuture<SdkWaitingJob.Result> run =
                        CompletableFuture.supplyAsync(() -> job.run(tables, Duration.ofMinutes(2)));

                // Until the clock moves every backup is CREATING: the waiters keep looking, and no table ends.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (job.describesSent() < 2L * TABLES && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                long looksWhileCreating = job.describesSent();
                assertTrue(looksWhileCreating >= 2L * TABLES, "looks while CREATING: " + looksWhileCreating);
                assertTrue(!run.isDone(), "the job ended while every backup was CREATING");

                movedNanos.set(CREATING.toNanos());
                SdkWaitingJob.Result result = run.get(60, TimeUnit.SECONDS);

                assertEquals(new SdkWaitingJob.Result(TABLES, TABLES, Map.of(), TABLES, result.describesSent()),
                        result);
                // Each backup needs a look answered after the clock moved; of those, only the looks then in flight
                // (one per waiter) can have been counted among the looks while CREATING.
                assertTrue(result.describesSent() >= looksWhileCreating + TABLES - SdkWaitingJob.WAITERS,
                        result + " after " + looksWhileCreating + " looks while CREATING");
                EmulatorStats stats = emulator.stats();
                assertEquals(result.describesSent(), stats.callCount("DescribeBackup"),
                        "every DescribeBackup the loop sent, and no other, reached the emulator");
                assertEquals(TABLES, stats.callCount("CreateBackup"));
                assertEquals(TABLES, stats.backupsByTable().size());
            }
        }
    }
}
