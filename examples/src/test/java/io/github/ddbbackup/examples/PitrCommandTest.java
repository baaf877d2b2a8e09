package io.github.ddbbackup.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.emulator.DynamoDbEmulator;
import io.github.ddbbackup.emulator.DynamoDbEmulatorExtension;
import io.github.ddbbackup.emulator.Fault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code ddb-backup pitr}: point-in-time recovery per table, turned on with {@code --enable}. */
@Timeout(90)
class PitrCommandTest {

    @RegisterExtension
    final DynamoDbEmulatorExtension emulators = DynamoDbEmulatorExtension.onDemand();

    @Test
    void eachTableIsShownWithItsStateAndAnyTableWithoutItExitsOne(@TempDir Path dir) throws IOException {
        DynamoDbEmulator own = Cli.emulator(emulators, 3);
        assertEquals(DdbBackup.EXIT_OK, Cli.run(Cli.against(own, "pitr", "--tables", "t-1", "--enable")).code());
        Path report = dir.resolve("pitr.json");

        Cli.Result result = Cli.run(Cli.against(own, "pitr", "--all", "--report", report.toString()));

        assertEquals(DdbBackup.EXIT_FAILED, result.code(), result.out() + result.err());
        assertTrue(result.out().contains("  t-0: DISABLED\n"), result.out());
        assertTrue(result.out().contains("  t-1: ENABLED, restorable "), result.out());
        assertTrue(result.out().contains("  t-2: DISABLED\n"), result.out());
        assertTrue(result.out().contains("pitr: 3 tables: 1 with point-in-time recovery, 2 without, 0 failed"),
                result.out());
        JsonNode json = JsonMapper.builder().build().readTree(Files.readString(report));
        assertEquals(3, json.get("summary").get("tables").asInt());
        assertEquals(2, json.get("summary").get("disabled").asInt());
        assertEquals("ENABLED", json.get("tables").get(1).get("status").asString());
        assertTrue(json.get("tables").get(1).has("earliestRestorableDateTime"));
        assertEquals(1, own.stats().callCount("UpdateContinuousBackups"), "only the first run changed t-1");
    }

    @Test
    void enableTurnsItOnWhereItIsOffAndLeavesTablesThatHaveItAlone() {
        DynamoDbEmulator own = Cli.emulator(emulators, 25);
        assertEquals(DdbBackup.EXIT_OK, Cli.run(Cli.against(own, "pitr", "--tables", "t-03", "--enable")).code());

        Cli.Result result = Cli.run(Cli.against(own, "pitr", "--all", "--enable", "--recovery-days", "7"));

        assertEquals(DdbBackup.EXIT_OK, result.code(), result.out() + result.err());
        assertTrue(result.out().contains("pitr: 25 tables: 25 with point-in-time recovery, 0 without, 0 failed;"
                + " 24 enabled now"), result.out());
        String t03 = result.out().lines().filter(line -> line.startsWith("  t-03:")).findFirst().orElseThrow();
        assertTrue(t03.startsWith("  t-03: ENABLED, restorable ") && !t03.contains("(enabled now)"),
                "t-03 had it already: " + t03);
        assertEquals(1 + 24, own.stats().callCount("UpdateContinuousBackups"));
        // Admitted calls: one per table and run (a call refused at the limit and sent again counts once).
        assertEquals(1 + 25, own.stats().callCount("DescribeContinuousBackups"));
    }

    @Test
    void recoveryDaysIsThePeriodOfTheTablesEnabledNowAndShownWithThem(@TempDir Path dir) throws IOException {
        DynamoDbEmulator own = Cli.emulator(emulators, 2);
        assertEquals(DdbBackup.EXIT_OK, Cli.run(Cli.against(own, "pitr", "--tables", "t-1", "--enable")).code());
        Path report = dir.resolve("pitr.json");

        Cli.Result result = Cli.run(Cli.against(own, "pitr", "--all", "--enable", "--recovery-days", "7",
                "--report", report.toString()));

        assertEquals(DdbBackup.EXIT_OK, result.code(), result.out() + result.err());
        assertTrue(result.out().lines().anyMatch(line -> line.startsWith("  t-0: ENABLED, restorable ")
                && line.endsWith(", 7 days (enabled now)")), result.out());
        assertTrue(result.out().lines().anyMatch(line -> line.startsWith("  t-1: ENABLED, restorable ")
                && line.endsWith(", 35 days")), "t-1 had it already, with DynamoDB's default: " + result.out());
        JsonNode json = JsonMapper.builder().build().readTree(Files.readString(report));
        assertEquals(7, json.get("tables").get(0).get("recoveryPeriodInDays").asInt());
        Cli.Result again = Cli.run(Cli.against(own, "pitr", "--tables", "t-0"));
        assertTrue(again.out().contains(", 7 days"), "DescribeContinuousBackups keeps it: " + again.out());
    }

    @Test
    void dryRunShowsWhatWouldChangeAndChangesNothing() {
        DynamoDbEmulator own = Cli.emulator(emulators, 2);

        Cli.Result result = Cli.run(Cli.against(own, "pitr", "--all", "--enable", "--dry-run"));

        assertEquals(DdbBackup.EXIT_FAILED, result.code(), result.out() + result.err());
        assertTrue(result.out().contains("  t-0: DISABLED (would enable: dry run)"), result.out());
        assertTrue(result.out().contains("2 would be enabled (dry run)"), result.out());
        assertEquals(0, own.stats().requestCount("UpdateContinuousBackups"));
    }

    @Test
    void continuousBackupsStillBeingEnabledIsRetriedWithBackoffNotFailed() {
        DynamoDbEmulator own = Cli.emulator(emulators, 1);
        own.faults().script("UpdateContinuousBackups",
                Fault.error(400, "ContinuousBackupsUnavailableException", "Backups are being enabled for the table"),
                Fault.error(400, "ContinuousBackupsUnavailableException", "Backups are being enabled for the table"));

        Cli.Result result = Cli.run(Cli.against(own, "pitr", "--all", "--enable"));

        assertEquals(DdbBackup.EXIT_OK, result.code(), result.out() + result.err());
        assertTrue(result.out().contains("  t-0: ENABLED"), result.out());
        assertEquals(3, own.stats().requestCount("UpdateContinuousBackups"), "two refusals, then the change");
    }

    @Test
    void aTableThatCannotBeReadIsFailedAndTheOthersStillShown() {
        DynamoDbEmulator own = Cli.emulator(emulators, 2);

        Cli.Result result = Cli.run(Cli.against(own, "pitr", "--tables", "t-0,missing"));

        assertEquals(DdbBackup.EXIT_FAILED, result.code(), result.out() + result.err());
        assertTrue(result.out().contains("  t-0: DISABLED"), result.out());
        assertTrue(result.out().contains("  missing: FAILED: TableNotFoundException"), result.out());
        assertTrue(result.out().contains("1 failed"), result.out());
    }

    @Test
    void optionsThatOnlyMeanSomethingWithEnableAreUsageErrors() {
        DynamoDbEmulator own = Cli.emulator(emulators, 1);
        Map<List<String>, String> cases = Map.of(
                List.of("--recovery-days", "7"), "--recovery-days applies to --enable",
                List.of("--dry-run"), "--dry-run shows what --enable would change",
                List.of("--enable", "--recovery-days", "36"), "--recovery-days: 36 violates 1..35 days",
                List.of("--enable", "--recovery-days", "0"), "--recovery-days: 0 violates 1..35 days");
        cases.forEach((args, message) -> {
            List<String> all = new java.util.ArrayList<>(List.of("pitr", "--all"));
            all.addAll(args);
            Cli.Result result = Cli.run(Cli.against(own, all.toArray(String[]::new)));
            assertEquals(DdbBackup.EXIT_USAGE, result.code(), args + ": " + result.err());
            assertTrue(result.err().contains(message), args + ": " + result.err());
        });
        assertEquals(List.of(), own.stats().requests());
    }

    @Test
    void severalRegionsAtOnceEachWithItsOwnEmulatorShowTheRegionOfEveryTableAndPerRegionCounts(@TempDir Path dir)
            throws IOException {
        Path report = dir.resolve("pitr.json");

        Cli.Result result = Cli.run("pitr", "--local", "2", "--regions", "us-east-1,eu-west-1", "--enable",
                "--report", report.toString());

        assertEquals(DdbBackup.EXIT_OK, result.code(), result.out() + result.err());
        for (String line : List.of("  us-east-1 table-000: ENABLED", "  us-east-1 table-001: ENABLED",
                "  eu-west-1 table-000: ENABLED", "  eu-west-1 table-001: ENABLED",
                "  us-east-1: 2 tables: 2 with point-in-time recovery, 0 without, 0 failed; 2 enabled now",
                "  eu-west-1: 2 tables: 2 with point-in-time recovery, 0 without, 0 failed; 2 enabled now")) {
            assertTrue(result.out().contains(line), line + " in " + result.out());
        }
        assertTrue(result.out().contains("(us-east-1,eu-west-1)"), result.out());
        JsonNode json = JsonMapper.builder().build().readTree(Files.readString(report));
        assertEquals(4, json.get("summary").get("enabled").asInt());
        assertEquals("eu-west-1", json.get("tables").get(2).get("region").asString());
        assertEquals(2, json.get("endpoint").asString().split(", ").length, "two endpoints, one each");
    }

    @Test
    void regionsThatCannotWorkTogetherAreUsageErrors() {
        DynamoDbEmulator own = Cli.emulator(emulators, 1);
        Map<List<String>, String> cases = BackupRegionsTest.regionsUsageErrors("pitr", own.endpoint().toString());
        Cli.assertUsageErrors(cases);
        assertEquals(List.of(), own.stats().requests());
    }
}
