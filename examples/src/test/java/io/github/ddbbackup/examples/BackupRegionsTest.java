package io.github.ddbbackup.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.emulator.DynamoDbEmulator;
import io.github.ddbbackup.emulator.DynamoDbEmulatorExtension;
import io.github.ddbbackup.emulator.Fault;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

/**
 * {@code backup --regions}: one job over several regions at once, each with its own client (and here its own
 * emulator, named with {@code REGION=URL} or started by {@code --local}), one report naming every table's region.
 */
@Timeout(120)
class BackupRegionsTest {

    private static final List<String> THREE = List.of("us-east-1", "eu-west-1", "ap-south-1");

    @TempDir
    Path dir;

    @RegisterExtension
    final DynamoDbEmulatorExtension emulators = DynamoDbEmulatorExtension.onDemand();

    @Test
    void threeRegionsAreBackedUpInOneJobWithPerRegionCountsInReportAndSummary() {
        Path report = dir.resolve("report.json");

        Cli.Result result = Cli.run("backup", "--local", "4", "--regions", String.join(",", THREE),
                "--report", report.toString());

        assertEquals(DdbBackup.EXIT_OK, result.code(), result.out() + result.err());
        JsonNode json = read(report);
        assertEquals(String.join(",", THREE), json.get("region").asString());
        assertEquals(3, json.get("endpoint").asString().split(", ").length, "one endpoint (emulator) per region");
        JsonNode summary = json.get("summary");
        assertEquals(12, summary.get("requested").asInt());
        assertEquals(12, summary.get("created").asInt());
        assertEquals(List.copyOf(THREE), names(summary.get("regions")), "every region, in the order given");
        for (String region : THREE) {
            JsonNode counts = summary.get("regions").get(region);
            assertEquals(Set.of("requested", "created", "failed", "skipped"), fieldNames(counts));
            assertEquals(4, counts.get("requested").asInt(), region);
            assertEquals(4, counts.get("created").asInt(), region);
            assertEquals(0, counts.get("failed").asInt(), region);
            assertEquals(0, counts.get("skipped").asInt(), region);
            assertTrue(result.out().contains("  " + region + ": 4 tables: 4 created, 0 failed, 0 skipped"),
                    result.out());
        }
        for (JsonNode table : json.get("tables")) {
            String region = table.get("region").asString();
            assertTrue(THREE.contains(region), table.toString());
            assertTrue(table.get("backupArn").asString().startsWith("arn:aws:dynamodb:" + region + ":"),
                    "backed up in its own region: " + table);
        }
        assertEquals(12, Set.copyOf(entries(json).stream().map(t -> t.get("region").asString() + "/"
                + t.get("table").asString()).toList()).size(), "each table of each region once");
        assertTrue(result.out().contains("backup: 12 tables in "), result.out());
        assertTrue(result.out().contains("12 created, 0 failed, 0 skipped"), result.out());
    }

    @Test
    void eachRegionBacksUpEachTableExactlyOnceWhenCreateBackupAnswersAreLost() {
        List<DynamoDbEmulator> regions = new ArrayList<>();
        for (String region : THREE) {
            DynamoDbEmulator emulator = region(region, 10);
            // The backups are made; the answers never arrive: the client must find them, not make them again.
            emulator.faults().script("CreateBackup", Fault.closeAfterOperation(), Fault.none(),
                    Fault.closeAfterOperation(), Fault.closeBeforeOperation());
            regions.add(emulator);
        }
        Path report = dir.resolve("report.json");

        Cli.Result result = Cli.run("backup", "--all", "--regions", regionsAt(regions), "--report",
                report.toString());

        assertEquals(DdbBackup.EXIT_OK, result.code(), result.out() + result.err());
        for (DynamoDbEmulator emulator : regions) {
            Map<String, ?> backups = emulator.stats().backupsByTable();
            assertEquals(10, backups.size(), emulator.region());
            emulator.stats().backupsByTable().forEach((table, made) ->
                    assertEquals(1, made.size(), emulator.region() + " " + table + " has exactly one backup"));
            assertEquals(10, read(report).get("summary").get("regions").get(emulator.region()).get("created")
                    .asInt(), emulator.region());
        }
    }

    @Test
    void aRegionThatCannotBeReachedFailsWithItsReasonWhileTheOthersComplete() {
        DynamoDbEmulator east = region("us-east-1", 5);
        DynamoDbEmulator south = region("ap-south-1", 5);
        Path report = dir.resolve("report.json");

        Cli.Result result = Cli.run("backup", "--all", "--regions", "us-east-1=" + east.endpoint()
                        + ",eu-west-1=http://127.0.0.1:" + closedPort() + ",ap-south-1=" + south.endpoint(),
                "--report", report.toString());

        assertEquals(DdbBackup.EXIT_FAILED, result.code(), result.out() + result.err());
        assertTrue(result.err().contains("ddb-backup: eu-west-1: cannot reach http://127.0.0.1:"), result.err());
        JsonNode json = read(report);
        JsonNode regions = json.get("summary").get("regions");
        assertEquals(5, regions.get("us-east-1").get("created").asInt());
        assertEquals(5, regions.get("ap-south-1").get("created").asInt());
        assertEquals(1, regions.get("eu-west-1").get("failed").asInt());
        JsonNode failed = entries(json).stream().filter(t -> t.get("region").asString().equals("eu-west-1"))
                .findFirst().orElseThrow();
        assertEquals("FAILED", failed.get("status").asString());
        assertEquals(BackupJob.SELECTION_ENTRY, failed.get("table").asString());
        assertEquals(BackupRun.REGION_UNAVAILABLE, failed.get("error").get("code").asString());
        assertTrue(failed.get("error").get("message").asString().startsWith("cannot reach http://127.0.0.1:"),
                failed.toString());
        assertTrue(result.out().contains("  eu-west-1: 1 table: 0 created, 1 failed, 0 skipped"), result.out());
        assertTrue(result.out().contains("  FAILED eu-west-1 (selection): RegionUnavailable: cannot reach"),
                result.out());
        assertEquals(5, east.stats().backupsByTable().size());
        assertEquals(5, south.stats().backupsByTable().size());
    }

    @Test
    void aRegionRefusingTheCredentialsFailsEachNamedTableWhileTheOtherCompletes() {
        DynamoDbEmulator east = region("us-east-1", 3);
        // Signed with the default chain's keys (Cli), which this one does not know.
        DynamoDbEmulator west = emulators.start(settings -> settings.region("eu-west-1")
                .credentials("AKIAOTHERKEY00000000", "another-secret-key"));
        west.createTables("t-", 3);
        Path report = dir.resolve("report.json");

        Cli.Result result = Cli.run("backup", "--tables", "t-0,t-2", "--regions", "us-east-1=" + east.endpoint()
                + ",eu-west-1=" + west.endpoint(), "--report", report.toString());

        assertEquals(DdbBackup.EXIT_FAILED, result.code(), result.out() + result.err());
        JsonNode json = read(report);
        List<JsonNode> inWest = entries(json).stream().filter(t -> t.get("region").asString().equals("eu-west-1"))
                .toList();
        assertEquals(List.of("t-0", "t-2"), inWest.stream().map(t -> t.get("table").asString()).sorted().toList());
        for (JsonNode table : inWest) {
            assertEquals("FAILED", table.get("status").asString());
            assertTrue(table.get("error").get("message").asString().contains("refused the credentials"),
                    table.toString());
        }
        assertEquals(2, json.get("summary").get("regions").get("eu-west-1").get("failed").asInt());
        assertEquals(2, json.get("summary").get("regions").get("us-east-1").get("created").asInt());
        assertEquals(Set.of("t-0", "t-2"), east.stats().backupsByTable().keySet());
        assertEquals(0, west.stats().callCount("CreateBackup"));
    }

    @Test
    void resumeSkipsPerRegionATableBackedUpInOneRegionIsNotBackedUpInAnother() {
        DynamoDbEmulator east = region("us-east-1", 4);
        // t-1 does not exist in eu-west-1 yet: the first run backs it up in us-east-1 only.
        DynamoDbEmulator west = region("eu-west-1", 1);
        Path first = dir.resolve("first.json");
        Path second = dir.resolve("second.json");
        String both = "us-east-1=" + east.endpoint() + ",eu-west-1=" + west.endpoint();
        assertEquals(DdbBackup.EXIT_FAILED, Cli.run("backup", "--tables", "t-0,t-1", "--regions", both,
                "--report", first.toString()).code());
        assertEquals(DdbBackup.EXIT_OK, Cli.run("backup", "--tables", "t-2", "--regions",
                "us-east-1=" + east.endpoint(), "--report", dir.resolve("east-only.json").toString()).code());
        List.of("t-1", "t-2", "t-3").forEach(west::createTable);

        Cli.Result resumed = Cli.run("backup", "--all", "--regions", both, "--resume", first.toString(),
                "--report", second.toString());

        assertEquals(DdbBackup.EXIT_OK, resumed.code(), resumed.out() + resumed.err());
        JsonNode regions = read(second).get("summary").get("regions");
        // us-east-1: t-0, t-1 from the report, t-2 found by ListBackups (made since the first run began).
        assertEquals(3, regions.get("us-east-1").get("skipped").asInt(), regions.toString());
        assertEquals(1, regions.get("us-east-1").get("created").asInt(), regions.toString());
        // eu-west-1: only t-0 was backed up there; t-1 of us-east-1 is another table.
        assertEquals(1, regions.get("eu-west-1").get("skipped").asInt(), regions.toString());
        assertEquals(3, regions.get("eu-west-1").get("created").asInt(), regions.toString());
        for (DynamoDbEmulator emulator : List.of(east, west)) {
            assertEquals(4, emulator.stats().backupsByTable().size(), emulator.region());
            emulator.stats().backupsByTable().forEach((table, made) ->
                    assertEquals(1, made.size(), emulator.region() + " " + table + " has exactly one backup"));
        }
        for (JsonNode table : read(second).get("tables")) {
            if (table.get("status").asString().equals("SKIPPED")) {
                assertTrue(table.get("backupArn").asString().startsWith("arn:aws:dynamodb:"
                        + table.get("region").asString() + ":"), "the region's own backup is carried: " + table);
            }
        }

        // A report of other regions than the job's is not resumed from.
        DynamoDbEmulator south = emulators.start(settings -> settings.region("ap-south-1"));
        Cli.Result elsewhere = Cli.run("backup", "--all", "--regions", "ap-south-1=" + south.endpoint(),
                "--resume", first.toString());
        assertEquals(DdbBackup.EXIT_USAGE, elsewhere.code(), elsewhere.err());
        assertTrue(elsewhere.err().contains("resume only from a report of the same regions"), elsewhere.err());
        // Nor for a region now at another endpoint than the report's: its tables there were never backed up.
        Cli.Result moved = Cli.run("backup", "--all", "--regions", "us-east-1=" + south.endpoint(),
                "--resume", first.toString());
        assertEquals(DdbBackup.EXIT_USAGE, moved.code(), moved.err());
        assertTrue(moved.err().contains("resume only from a report of the same endpoint and region"), moved.err());
        assertEquals(List.of(), south.stats().requests());
    }

    @Test
    void interruptStopsEveryRegionAndTheReportSurvivesForResume() {
        DynamoDbEmulator east = region("us-east-1", 40);
        DynamoDbEmulator west = region("eu-west-1", 40);
        Path report = dir.resolve("report.json");
        String both = "us-east-1=" + east.endpoint() + ",eu-west-1=" + west.endpoint();
        Sinks.Empty<Void> interrupt = Sinks.empty();
        Mono<Cli.Result> run = Mono.fromCallable(() -> Cli.run(interrupt.asMono(), "backup", "--all",
                        "--regions", both, "--rate", "10", "--concurrency", "4", "--report", report.toString()))
                .subscribeOn(Schedulers.boundedElastic())
                .cache();
        run.subscribe();
        Flux.interval(Duration.ofMillis(20))
                .filter(tick -> east.stats().callCount("CreateBackup") >= 3 && west.stats().callCount("CreateBackup") >= 3)
                .blockFirst(Cli.TIMEOUT);

        interrupt.tryEmitEmpty();
        Cli.Result interrupted = run.block(Cli.TIMEOUT);

        assertNotNull(interrupted);
        assertEquals(DdbBackup.EXIT_INTERRUPTED, interrupted.code(), interrupted.err());
        JsonNode json = read(report);
        assertNotNull(json.get("finishedAt").asString());
        for (DynamoDbEmulator emulator : List.of(east, west)) {
            Set<String> created = entries(json).stream()
                    .filter(t -> t.get("region").asString().equals(emulator.region()))
                    .filter(t -> t.get("status").asString().equals("CREATED"))
                    .map(t -> t.get("table").asString()).collect(Collectors.toSet());
            assertEquals(created, emulator.stats().backupsByTable().keySet(),
                    "every backup made in " + emulator.region() + " is in the report");
            assertTrue(created.size() < 40, emulator.region() + " stopped: " + created.size());
        }

        Cli.Result resumed = Cli.run("backup", "--all", "--regions", both, "--resume", report.toString());
        assertEquals(DdbBackup.EXIT_OK, resumed.code(), resumed.out() + resumed.err());
        for (DynamoDbEmulator emulator : List.of(east, west)) {
            assertEquals(40, emulator.stats().backupsByTable().size(), emulator.region());
            emulator.stats().backupsByTable().forEach((table, made) ->
                    assertEquals(1, made.size(), emulator.region() + " " + table + " has exactly one backup"));
        }
    }

    @Test
    void waitRecordSettingsMetricsAndDryRunWorkWithRegions() throws IOException {
        Path report = dir.resolve("report.json");
        Path metrics = dir.resolve("metrics.json");

        Cli.Result result = Cli.run("backup", "--local", "2", "--regions", "us-east-1,eu-west-1",
                "--local-backup-delay", "0s", "--wait", "--record-settings", "--report", report.toString(),
                "--metrics", metrics.toString());
        Cli.Result dryRun = Cli.run("backup", "--local", "2", "--regions", "us-east-1,eu-west-1", "--dry-run");

        assertEquals(DdbBackup.EXIT_OK, result.code(), result.out() + result.err());
        JsonNode json = read(report);
        for (JsonNode table : json.get("tables")) {
            assertNotNull(table.get("availableAt"), "--wait saw it AVAILABLE: " + table);
        }
        assertEquals(Set.of("us-east-1/table-000", "us-east-1/table-001", "eu-west-1/table-000",
                "eu-west-1/table-001"), fieldNames(json.get("settings")), "each region's tables' settings");
        assertTrue(Files.size(metrics) > 0);
        assertTrue(result.out().contains("metrics: " + metrics.toAbsolutePath()), result.out());

        assertEquals(DdbBackup.EXIT_OK, dryRun.code(), dryRun.out() + dryRun.err());
        assertTrue(dryRun.out().contains("  eu-west-1 table-001: dry run: would create backup table-001-"),
                dryRun.out());
        assertTrue(dryRun.out().contains("  us-east-1: 2 tables: 0 created, 0 failed, 2 skipped"), dryRun.out());
    }

    @Test
    void regionsThatCannotWorkTogetherAreUsageErrorsBeforeAnythingIsSent() {
        DynamoDbEmulator own = Cli.emulator(emulators, 1);
        Map<List<String>, String> cases = new HashMap<>(regionsUsageErrors("backup", own.endpoint().toString()));
        cases.put(List.of("backup", "--all", "--regions", "us-east-1=" + own.endpoint() + ",us-east-1"),
                "names a region twice");
        cases.put(List.of("backup", "--local", "1", "--regions", "us-east-1=" + own.endpoint()),
                "--local starts an emulator for each region");
        cases.put(List.of("backup", "--all", "--regions", "us-east-1=http://example.com:8000"), "is plain http");
        Cli.assertUsageErrors(cases);
        assertEquals(List.of(), own.stats().requests());
    }

    /** The usage errors of {@code --regions} that every command taking it shares, with what each must say. */
    static Map<List<String>, String> regionsUsageErrors(String command, String endpoint) {
        return Map.of(
                List.of(command, "--all", "--regions", "us-east-1,eu-west-1", "--region", "us-east-1"),
                "--regions and --region: give one of them",
                List.of(command, "--all", "--regions", "us-east-1,eu-west-1", "--endpoint", endpoint),
                "--regions: each region is asked at its own endpoint; --endpoint names one",
                List.of(command, "--local", "1", "--regions", "us-east-1,us-east-1"), "names a region twice",
                List.of(command, "--local", "1", "--regions", "us-east-1,EU WEST"),
                "violates region names separated by commas",
                List.of(command, "--local", "1", "--regions", ","), "--regions: '' violates region names");
    }

    /** An emulator standing in for {@code region}, with {@code tables} tables {@code t-0..}. */
    private DynamoDbEmulator region(String region, int tables) {
        DynamoDbEmulator emulator = emulators.start(settings -> settings.region(region));
        emulator.createTables("t-", tables);
        return emulator;
    }

    /** {@code --regions} naming each emulator's region and endpoint. */
    private static String regionsAt(List<DynamoDbEmulator> regions) {
        return regions.stream().map(emulator -> emulator.region() + "=" + emulator.endpoint())
                .collect(Collectors.joining(","));
    }

    /** A loopback port nothing listens on (bound, then closed). */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<JsonNode> entries(JsonNode report) {
        return StreamSupport.stream(report.get("tables").spliterator(), false).toList();
    }

    private static List<String> names(JsonNode object) {
        return new ArrayList<>(object.propertyNames());
    }

    private static Set<String> fieldNames(JsonNode object) {
        return Set.copyOf(object.propertyNames());
    }

    private static JsonNode read(Path report) {
        return ReportFile.JSON.readTree(report);
    }
}
