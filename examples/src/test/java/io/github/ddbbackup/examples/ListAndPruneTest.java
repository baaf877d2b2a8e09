package io.github.ddbbackup.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.core.BackupDetails;
import io.github.ddbbackup.emulator.DynamoDbEmulator;
import io.github.ddbbackup.emulator.DynamoDbEmulatorExtension;
import io.github.ddbbackup.emulator.EmulatorRateLimits;
import io.github.ddbbackup.ratelimit.redis.TimerWatchingScheduler;
import io.github.ddbbackup.ratelimit.RateLimiter;
import io.github.ddbbackup.ratelimit.RateLimits;
import io.github.ddbbackup.ratelimit.TokenBucketRateLimiter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.scheduler.VirtualTimeScheduler;
import tools.jackson.databind.JsonNode;

/** {@code list} and {@code prune} against an emulator whose 4 tables each have backups 90, 40 and 7 days old. */
@Timeout(60)
class ListAndPruneTest {

    private static final int TABLES = 4;

    @RegisterExtension
    final DynamoDbEmulatorExtension emulators = DynamoDbEmulatorExtension.onDemand();
    private DynamoDbEmulator emulator;

    @BeforeEach
    void seededEmulator() {
        emulator = seeded(TABLES, EmulatorRateLimits.DEFAULT);
    }

    /** A started emulator whose {@code tables} tables {@code t-0..} have backups 90, 40 and 7 days old. */
    private DynamoDbEmulator seeded(int tables, EmulatorRateLimits rateLimits) {
        ShiftedClock clock = new ShiftedClock();
        DynamoDbEmulator seeded = emulators.start(settings -> settings.clock(clock).rateLimits(rateLimits));
        LocalEmulator.seedBackups(seeded, clock, seeded.createTables("t-", tables));
        return seeded;
    }

    @Test
    void listJsonPrintsEveryBackup() {
        Cli.Result result = Cli.run(Cli.against(emulator, "list", "--json"));

        assertEquals(DdbBackup.EXIT_OK, result.code(), result.err());
        JsonNode backups = ReportFile.JSON.readTree(result.out());
        assertEquals(TABLES * LocalEmulator.SEED_BACKUP_AGES.size(), backups.size());
        Set<String> arns = new HashSet<>();
        for (JsonNode backup : backups) {
            assertEquals(Set.of("table", "backupName", "backupStatus", "backupType", "createdAt", "sizeBytes",
                    "backupArn"), new HashSet<>(backup.propertyNames()), backup.toString());
            assertTrue(backup.get("backupName").asString().startsWith(backup.get("table").asString() + "-seed-"));
            assertEquals("USER", backup.get("backupType").asString());
            assertEquals("AVAILABLE", backup.get("backupStatus").asString());
            Instant.parse(backup.get("createdAt").asString());
            arns.add(backup.get("backupArn").asString());
        }
        assertEquals(backups.size(), arns.size());
    }

    @Test
    void listOfOneTableAsTextWithCreationTimesInUtcMarkedAsSuch() {
        Cli.Result result = Cli.run(Cli.against(emulator, "list", "--table", "t-2"));

        assertEquals(DdbBackup.EXIT_OK, result.code(), result.err());
        List<String> lines = result.out().lines().toList();
        assertTrue(lines.get(0).startsWith("TABLE"), result.out());
        assertEquals(3, lines.stream().filter(line -> line.startsWith("t-2 "))
                .filter(line -> line.matches(".* \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ .*")).count(), result.out());
        assertEquals(0, lines.stream().filter(line -> line.startsWith("t-1 ")).count(), result.out());
        assertEquals("3 backups", lines.get(lines.size() - 1));
    }

    @Test
    void pruneDryRunListsWhatItWouldDeleteAndDeletesNothing() {
        Cli.Result result = Cli.run(Cli.against(emulator, "prune", "--older-than", "30d", "--dry-run"));

        assertEquals(DdbBackup.EXIT_OK, result.code(), result.err());
        assertEquals(0, emulator.stats().requestCount("DeleteBackup"));
        assertEquals(TABLES * 3, backupCount());
        Set<String> named = result.out().lines().filter(line -> line.startsWith("  would delete "))
                .map(line -> line.trim().split(" ")[3]).collect(Collectors.toSet());
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < TABLES; i++) {
            expected.add("t-" + i + "-seed-90d");
            expected.add("t-" + i + "-seed-40d");
        }
        assertEquals(expected, named, result.out());
        assertTrue(result.out().contains("prune: dry run, 8 backups would be deleted, none was"), result.out());
    }

    @Test
    void pruneDeletesOldBackupsKeepingEachTablesNewest() {
        Cli.Result result = Cli.run(Cli.against(emulator, "prune", "--older-than", "30d", "--keep-last", "2"));

        assertEquals(DdbBackup.EXIT_OK, result.code(), result.err());
        assertTrue(result.out().contains("prune: 4 deleted, 0 failed"), result.out());
        for (int i = 0; i < TABLES; i++) {
            Set<String> left = emulator.stats().backupsByTable().get("t-" + i).stream()
                    .map(BackupDetails::backupName).collect(Collectors.toSet());
            assertEquals(Set.of("t-" + i + "-seed-40d", "t-" + i + "-seed-7d"), left);
        }
        assertEquals(4, emulator.stats().callCount("DeleteBackup"));
    }

    @Test
    void pruneOfOneTableLeavesTheOthersAlone() {
        Cli.Result result = Cli.run(Cli.against(emulator, "prune", "--table", "t-1", "--older-than", "30d"));

        assertEquals(DdbBackup.EXIT_OK, result.code(), result.err());
        assertTrue(result.out().contains("prune: 2 deleted, 0 failed"), result.out());
        for (int i = 0; i < TABLES; i++) {
            assertEquals(i == 1 ? 1 : 3, emulator.stats().backupsByTable().get("t-" + i).size(), "t-" + i);
        }
    }

    @Test
    void pruneWithoutKeepLastDeletesEverythingOlderThanTheAge() {
        Cli.Result result = Cli.run(Cli.against(emulator, "prune", "--older-than", "P8D"));

        assertEquals(DdbBackup.EXIT_OK, result.code(), result.err());
        assertEquals(TABLES, backupCount(), "only the 7-day-old backups are left");
        assertTrue(emulator.stats().backupsByTable().values().stream().flatMap(List::stream)
                .allMatch(b -> b.backupCreationDateTime().isAfter(Instant.now().minus(Duration.ofDays(8)))));
    }

    @Test
    void prunePacesDeleteBackupAtMostTenInAnySecondOfPermitTime() throws Exception {
        int tables = 30;
        VirtualTimeScheduler virtual = VirtualTimeScheduler.create();
        TimerWatchingScheduler time = new TimerWatchingScheduler(virtual);
        List<Long> deletePermits = Collections.synchronizedList(new ArrayList<>());
        // Prune's own limiter, timed on virtual time: each DeleteBackup permit is stamped with the limiter's time,
        // which a loaded machine cannot bunch. The emulator enforces no limit, so every call is one attempt.
        Function<RateLimits, RateLimiter> recorded = limits -> {
            RateLimiter buckets = TokenBucketRateLimiter.create(limits, time);
            return key -> buckets.acquire(key).doOnSuccess(granted -> {
                if (key.operation().equals("DeleteBackup")) {
                    deletePermits.add(time.now(TimeUnit.NANOSECONDS));
                }
            });
        };
        DynamoDbEmulator many = seeded(tables, EmulatorRateLimits.NONE);
        try {
            CompletableFuture<Cli.Result> prune = Mono.fromCallable(() -> Cli.run(recorded,
                            Cli.against(many, "prune", "--older-than", "30d")))
                    .subscribeOn(Schedulers.boundedElastic())
                    .toFuture();
            // Virtual time moves only here, and only to the limiter's next timer: it never runs ahead while a call
            // is on its way (which would make the next permit's request late and bunch it with the one after).
            while (!prune.isDone()) {
                if (!time.advanceToNextTimer()) {
                    Thread.sleep(1);
                }
            }
            Cli.Result result = prune.get();

            assertEquals(DdbBackup.EXIT_OK, result.code(), result.err());
            assertTrue(result.out().contains("prune: " + 2 * tables + " deleted, 0 failed"), result.out());
            assertEquals(2 * tables, many.stats().requestCount("DeleteBackup"));
            assertEquals(2 * tables, deletePermits.size(), "one permit per DeleteBackup call");
            List<Long> permits = deletePermits.stream().sorted().toList();
            for (int i = 10; i < permits.size(); i++) {
                long span = permits.get(i) - permits.get(i - 10);
                assertTrue(span >= TimeUnit.SECONDS.toNanos(1), "11 DeleteBackup permits within " + span / 1e6
                        + " ms (permits " + (i - 10) + ".." + i + ")");
            }
        } finally {
            virtual.dispose();
        }
    }

    @Test
    void localListShowsTheSeededBackups() {
        Cli.Result result = Cli.run("list", "--local", "2", "--json");

        assertEquals(DdbBackup.EXIT_OK, result.code(), result.err());
        assertEquals(2 * LocalEmulator.SEED_BACKUP_AGES.size(), ReportFile.JSON.readTree(result.out()).size());
    }

    private int backupCount() {
        return emulator.stats().backupsByTable().values().stream().mapToInt(List::size).sum();
    }
}
