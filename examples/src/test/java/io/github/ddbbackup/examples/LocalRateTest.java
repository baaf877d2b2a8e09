package io.github.ddbbackup.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code --local}: the in-process emulator's CreateBackup limit follows {@code --rate}, and the first line says so. */
class LocalRateTest {

    @TempDir
    Path dir;

    @Test
    void rateZeroTurnsTheEmulatorsCreateBackupLimitOffSoNoCallIsThrottled() {
        Path report = dir.resolve("report.json");

        Cli.Result result = Cli.run("backup", "--local", "400", "--rate", "0", "--report", report.toString());

        assertEquals(DdbBackup.EXIT_OK, result.code(), result.err());
        assertTrue(firstLine(result).contains("CreateBackup not rate-limited; the in-process emulator admits"
                + " CreateBackup without limit"), firstLine(result));
        JsonNode tables = ReportFile.JSON.readTree(report).get("tables");
        assertEquals(400, tables.size());
        List<String> retried = new ArrayList<>();
        tables.forEach(table -> {
            assertEquals("CREATED", table.get("status").asString(), table.toString());
            if (table.get("attempts").asInt() != 1) {
                retried.add(table.toString());
            }
        });
        // 400 calls at once would be throttled by a 50/s limit: any retry means the emulator still enforced one.
        assertEquals(List.of(), retried, "tables whose CreateBackup was throttled and sent again");
    }

    @Test
    void firstLineNamesTheCreateBackupLimitTheEmulatorEnforces() {
        assertTrue(firstLine(Cli.run("backup", "--local", "3")).contains(
                "at most 50 CreateBackup calls/s; the in-process emulator admits at most 50 CreateBackup calls/s"));
        assertTrue(firstLine(Cli.run("backup", "--local", "3", "--rate", "20")).contains(
                "at most 20 CreateBackup calls/s; the in-process emulator admits at most 20 CreateBackup calls/s"));
        // The emulator counts whole calls in a 1-second window: a fractional rate is admitted by the next integer.
        assertTrue(firstLine(Cli.run("backup", "--local", "2", "--rate", "2.5")).contains(
                "at most 2.5 CreateBackup calls/s; the in-process emulator admits at most 3 CreateBackup calls/s"));
    }

    private static String firstLine(Cli.Result result) {
        assertEquals(DdbBackup.EXIT_OK, result.code(), result.err());
        return result.out().lines().findFirst().orElseThrow();
    }
}
