package io.github.ddbbackup.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code backup --metrics FILE}: the client's meters as JSON, and one summary line per operation. */
@Timeout(120)
class MetricsOptionTest {

    @TempDir
    Path dir;

    @Test
    void aLocalBackupOfThreeHundredTablesWritesTheMetersAndSumsThemUpPerOperation() {
        Path metrics = dir.resolve("m.json");

        Cli.Result result = Cli.run("backup", "--local", "300", "--metrics", metrics.toString());

        assertEquals(DdbBackup.EXIT_OK, result.code(), result.err());
        JsonNode json = ReportFile.JSON.readTree(metrics);
        assertTrue(json.has("takenAt"), json.toString());
        assertEquals(300, value(json, "ddb.backup.calls", Map.of("operation", "CreateBackup", "outcome", "success"),
                "count"), "one successful CreateBackup per table");
        assertEquals(300, value(json, "ddb.backup.bulk.tables", Map.of("status", "CREATED"), "count"));
        assertEquals(0, value(json, "ddb.backup.bulk.in.flight", Map.of(), "value"));
        double attempts = value(json, "ddb.backup.call.attempts", Map.of("operation", "CreateBackup"), "total");
        assertEquals(attempts, value(json, "ddb.backup.permit.wait", Map.of("operation", "CreateBackup"), "count"),
                "one permit per attempt");
        assertTrue(value(json, "ddb.backup.calls", Map.of("operation", "CreateBackup", "outcome", "success"), "p99")
                > 0);
        assertTrue(meters(json, "reactor.netty.connection.provider.total.connections", Map.of("name", "ddb-backup"))
                .size() == 1, "the client's pool");

        Matcher line = Pattern.compile("  CreateBackup: (\\d+) calls, (\\d+) retr(?:y|ies), (\\d+) LimitExceeded,"
                + " latency p50 [\\d.]+ m?s p99 [\\d.]+ m?s, permit wait [\\d.]+ m?s total").matcher(result.out());
        assertTrue(line.find(), result.out());
        assertEquals(attempts - Integer.parseInt(line.group(1)), Integer.parseInt(line.group(2)),
                "retries are the attempts beyond one per call");
        assertTrue(result.out().contains("  ListTables: "), "the warm-up's calls too: " + result.out());
        assertTrue(result.out().contains("metrics: " + metrics.toAbsolutePath()), result.out());
    }

    @Test
    void aMetricsPathThatIsADirectoryIsAUsageErrorBeforeAnythingIsSent() throws Exception {
        Path directory = Files.createDirectory(dir.resolve("m"));

        Cli.Result result = Cli.run("backup", "--local", "3", "--metrics", directory.toString());

        assertEquals(DdbBackup.EXIT_USAGE, result.code(), result.out());
        assertTrue(result.err().contains("--metrics: " + directory + " is not a regular file"), result.err());
    }

    static double value(JsonNode json, String name, Map<String, String> tags, String statistic) {
        List<JsonNode> found = meters(json, name, tags);
        assertEquals(1, found.size(), name + tags + " in " + json);
        return found.get(0).get("values").get(statistic).asDouble();
    }

    static List<JsonNode> meters(JsonNode json, String name, Map<String, String> tags) {
        return StreamSupport.stream(json.get("meters").spliterator(), false)
                .filter(meter -> meter.get("name").asString().equals(name))
                .filter(meter -> tags.entrySet().stream().allMatch(tag ->
                        tag.getValue().equals(meter.get("tags").path(tag.getKey()).asString(null))))
                .toList();
    }
}
