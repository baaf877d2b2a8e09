package io.github.ddbbackup.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.core.BackupType;
import io.github.ddbbackup.emulator.DynamoDbEmulator;
import io.github.ddbbackup.emulator.DynamoDbEmulatorExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * {@code ddb-backup drill} against an emulator at DynamoDB's rates: every table's newest backup restored, checked and
 * its scratch table deleted; at most 50 restores in progress and 10 asked per second for 200 tables; failures and
 * Ctrl-C leave no scratch table unreported.
 */
class DrillCommandTest {

    @RegisterExtension
    final DynamoDbEmulatorExtension emulators = DynamoDbEmulatorExtension.onDemand();

    private DynamoDbEmulator emulatorWithBackups(int tables, Duration restoreDelay) {
        DynamoDbEmulator emulator = emulators.start(settings -> settings.restoreDelay(restoreDelay));
        for (String table : emulator.createTables("t-", tables)) {
            emulator.setItemCount(table, 10);
            emulator.putBackup(table, table + "-1", BackupType.USER);
        }
        return emulator;
    }

    private static List<String> drillTablesLeft(DynamoDbEmulator emulator, List<String> names) {
        return names.stream().filter(emulator::hasTable).toList();
    }

    @Test
    void aDrillOfTwoHundredTablesStaysWithinFiftyRestoresInProgressAndTenRestoresPerSecond(@TempDir Path dir)
            throws Exception {
        DynamoDbEmulator emulator = emulatorWithBackups(200, Duration.ofSeconds(3));
        Path report = dir.resolve("drill.json");

        Cli.Result result = Cli.run(Cli.against(emulator, "drill", "--all", "--report", report.toString()));

        assertEquals(DdbBackup.EXIT_OK, result.code(), result.out() + result.err());
        assertTrue(result.out().contains("drill: 200 passed, 0 failed"), result.out());
        // Never refused for too many in progress (such a refusal is admitted, answered LimitExceededException and
        // retried: more than 200 calls), never more than 10 admitted in a second.
        assertEquals(200, emulator.stats().callCount("RestoreTableFromBackup"));
        assertTrue(emulator.mostRestoresInProgress() <= 50, "in progress at once: "
                + emulator.mostRestoresInProgress());
        assertTrue(emulator.stats().maxCallsInAnyWindow("RestoreTableFromBackup") <= 10);
        assertEquals(200, emulator.stats().callCount("DeleteTable"));

        JsonNode json = ReportFile.JSON.readTree(Files.readAllBytes(report));
        assertEquals(200, json.get("summary").get("passed").asInt());
        JsonNode first = json.get("tables").get(0);
        assertEquals("PASSED", first.get("status").asString(), first.toString());
        assertEquals("deleted", first.get("scratch").asString());
        assertEquals(7, first.get("checks").size());
        for (JsonNode check : first.get("checks")) {
            assertTrue(check.get("passed").asBoolean(), check.toString());
        }
    }

    @Test
    void aTableWithoutBackupFailsTheDrillAndKeepKeepsTheScratchTables(@TempDir Path dir) throws Exception {
        DynamoDbEmulator emulator = emulatorWithBackups(3, Duration.ZERO);
        emulator.createTable("t-nobackup");
        Path report = dir.resolve("drill.json");

        Cli.Result result = Cli.run(Cli.against(emulator, "drill", "--prefix", "t-", "--keep", "--report",
                report.toString()));

        assertEquals(DdbBackup.EXIT_FAILED, result.code(), result.out() + result.err());
        assertTrue(result.out().contains("FAIL t-nobackup: no AVAILABLE backup"), result.out());
        assertTrue(result.out().contains("drill: 3 passed, 1 failed"), result.out());
        assertEquals(0, emulator.stats().callCount("DeleteTable"), "--keep");
        JsonNode tables = ReportFile.JSON.readTree(Files.readAllBytes(report)).get("tables");
        for (JsonNode table : tables) {
            assertEquals(table.get("table").asString().equals("t-nobackup") ? "FAILED" : "PASSED",
                    table.get("status").asString(), table.toString());
        }
        assertEquals(3, result.out().lines().filter(line -> line.contains("-drill-") && line.endsWith(" kept"))
                .count(), result.out());
    }

    @Test
    void aSampleDrillsThatManyTablesAndADryRunRestoresNothing() {
        DynamoDbEmulator emulator = emulatorWithBackups(6, Duration.ZERO);

        Cli.Result dry = Cli.run(Cli.against(emulator, "drill", "--all", "--sample", "2", "--dry-run"));
        assertEquals(DdbBackup.EXIT_OK, dry.code(), dry.out() + dry.err());
        assertTrue(dry.out().contains("would drill 2 tables of 6 selected"), dry.out());
        assertEquals(0, emulator.stats().callCount("RestoreTableFromBackup"));

        Cli.Result sampled = Cli.run(Cli.against(emulator, "drill", "--all", "--sample", "2"));
        assertEquals(DdbBackup.EXIT_OK, sampled.code(), sampled.out() + sampled.err());
        assertEquals(2, emulator.stats().callCount("RestoreTableFromBackup"));

        Cli.Result zero = Cli.run(Cli.against(emulator, "drill", "--all", "--sample", "0"));
        assertEquals(DdbBackup.EXIT_USAGE, zero.code());
        assertTrue(zero.err().contains("--sample: 0 violates at least 1 table"), zero.err());
    }

    @Test
    void ctrlCDeletesTheScratchTablesAlreadyAskedForAndReportsThem() {
        DynamoDbEmulator emulator = emulatorWithBackups(30, Duration.ofSeconds(2));
        // Ctrl-C once three restores were asked for.
        Mono<Void> interrupt = Flux.interval(Duration.ofMillis(20))
                .filter(tick -> emulator.stats().callCount("RestoreTableFromBackup") >= 3).next().then();

        Cli.Result result = Cli.run(interrupt, Cli.against(emulator, "drill", "--all"));

        assertEquals(DdbBackup.EXIT_INTERRUPTED, result.code(), result.out() + result.err());
        assertTrue(result.out().contains("(interrupted)"), result.out());
        List<String> asked = result.out().lines().filter(line -> line.contains("-drill-"))
                .map(line -> line.replaceAll(".*scratch table (\\S+-drill-\\S+) .*", "$1")).toList();
        assertTrue(asked.size() >= 3, result.out());
        assertEquals(List.of(), drillTablesLeft(emulator, asked), "every scratch table asked for was deleted");
        assertTrue(asked.size() >= emulator.stats().callCount("RestoreTableFromBackup"),
                "every restore that reached DynamoDB is in the output: " + result.out());
    }
}
