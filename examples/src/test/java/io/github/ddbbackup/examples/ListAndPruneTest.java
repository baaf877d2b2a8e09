package io.github.ddbbackup.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.core.BackupDetails;
import io.github.ddbbackup.emulator.DynamoDbEmulator;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/** {@code list} and {@code prune} against an emulator whose 4 tables each have backups 90, 40 and 7 days old. */
@Timeout(60)
class ListAndPruneTest {

    private static final int TABLES = 4;

    private DynamoDbEmulator emulator;

    @BeforeEach
    void seededEmulator() {
        ShiftedClock clock = new ShiftedClock();
        emulator = DynamoDbEmulator.builder().port(0).clock(clock).build();
        List<String> tables = emulator.createTables("t-", TABLES);
        LocalEmulator.seedBackups(emulator, clock, tables);
        emulator.start();
    }

    @AfterEach
    void stopEmulator() {
        emulator.close();
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
    void listOfOneTableAsText() {
        Cli.Result result = Cli.run(Cli.against(emulator, "list", "--table", "t-2"));

        assertEquals(DdbBackup.EXIT_OK, result.code(), result.err());
        List<String> lines = result.out().lines().toList();
        assertTrue(lines.get(0).startsWith("TABLE"), result.out());
        assertEquals(3, lines.stream().filter(line -> line.startsWith("t-2 ")).count(), result.out());
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
    void pruneWithoutKeepLastDeletesEverythingOlderThanTheAge() {
        Cli.Result result = Cli.run(Cli.against(emulator, "prune", "--older-than", "P8D"));

        assertEquals(DdbBackup.EXIT_OK, result.code(), result.err());
        assertEquals(TABLES, backupCount(), "only the 7-day-old backups are left");
        assertTrue(emulator.stats().backupsByTable().values().stream().flatMap(List::stream)
                .allMatch(b -> b.backupCreationDateTime().isAfter(Instant.now().minus(Duration.ofDays(8)))));
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
