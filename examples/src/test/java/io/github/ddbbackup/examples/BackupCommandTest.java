package io.github.ddbbackup.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.emulator.DynamoDbEmulator;
import io.github.ddbbackup.emulator.DynamoDbEmulatorExtension;
import io.github.ddbbackup.emulator.EmulatorRateLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
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
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

@Timeout(120)
class BackupCommandTest {

    private static final Set<String> REPORT_FIELDS =
            Set.of("startedAt", "finishedAt", "endpoint", "region", "summary", "tables");
    private static final Set<String> SUMMARY_FIELDS = Set.of("requested", "created", "failed", "skipped",
            "elapsedSeconds", "createCallsPerSecond");
    private static final Set<String> CREATED_FIELDS =
            Set.of("table", "status", "backupName", "backupArn", "backupStatus", "attempts", "createdAt");

    @TempDir
    Path dir;

    @RegisterExtension
    final DynamoDbEmulatorExtension emulators = DynamoDbEmulatorExtension.onDemand();
    private DynamoDbEmulator emulator;

    @Test
    void localBackupOfSixtyTablesWritesAReportMatchingTheContract() {
        Path report = dir.resolve("report.json");

        Cli.Result result = Cli.run("backup", "--local", "60", "--report", report.toString());

        assertEquals(DdbBackup.EXIT_OK, result.code(), result.err());
        JsonNode json = read(report);
        assertEquals(REPORT_FIELDS, fieldNames(json));
        Instant started = Instant.parse(json.get("startedAt").asString());
        Instant finished = Instant.parse(json.get("finishedAt").asString());
        assertFalse(finished.isBefore(started));
        assertTrue(json.get("endpoint").asString().startsWith("http://127.0.0.1:"), json.get("endpoint").asString());
        assertEquals(DynamoDbEmulator.DEFAULT_REGION, json.get("region").asString());

        JsonNode summary = json.get("summary");
        assertEquals(SUMMARY_FIELDS, fieldNames(summary));
        assertEquals(60, summary.get("requested").asInt());
        assertEquals(60, summary.get("created").asInt());
        assertEquals(0, summary.get("failed").asInt());
        assertEquals(0, summary.get("skipped").asInt());
        double elapsed = summary.get("elapsedSeconds").asDouble();
        assertTrue(elapsed > 0, "elapsedSeconds " + elapsed);

        JsonNode tables = json.get("tables");
        assertEquals(60, tables.size());
        Set<String> names = new HashSet<>();
        int attempts = 0;
        for (JsonNode table : tables) {
            assertEquals(CREATED_FIELDS, fieldNames(table), table.toString());
            String name = table.get("table").asString();
            names.add(name);
            assertEquals("CREATED", table.get("status").asString());
            assertTrue(table.get("backupName").asString().matches(name + "-\\d{8}T\\d{6}Z"), table.toString());
            assertTrue(table.get("backupArn").asString().startsWith("arn:aws:dynamodb:us-east-1:"
                    + DynamoDbEmulator.DEFAULT_ACCOUNT_ID + ":table/" + name + "/backup/"), table.toString());
            assertEquals("CREATING", table.get("backupStatus").asString());
            assertTrue(table.get("attempts").asInt() >= 1);
            attempts += table.get("attempts").asInt();
        }
        Set<String> expected = IntStream.range(0, 60).mapToObj(i -> String.format("table-%03d", i))
                .collect(Collectors.toSet());
        assertEquals(expected, names);
        // The rate is the CreateBackup calls (every attempt) over the span of the calls, which lies within the
        // job's elapsed time; paced at 50/s, 60 calls span 59 intervals, so it stays near the ceiling.
        double rate = summary.get("createCallsPerSecond").asDouble();
        assertTrue(rate >= attempts / elapsed - 0.1, "rate " + rate + " below calls per elapsed second");
        assertTrue(rate <= 50.0 * attempts / (attempts - 1) + 0.5, "rate " + rate + " above the 50/s ceiling");
        assertTrue(result.out().contains("backup: 60 tables in "), result.out());
        assertTrue(result.out().contains("60 created, 0 failed, 0 skipped"), result.out());
        assertTrue(result.out().contains("report: " + report.toAbsolutePath()), result.out());
    }

    @Test
    void theReportReadWhileAThreeHundredTableJobRunsAlwaysParsesAndOnlyGrows() throws Exception {
        Path report = dir.resolve("report.json");
        CompletableFuture<Cli.Result> job = Mono.fromCallable(() -> Cli.run("backup", "--local", "300", "--report",
                        report.toString()))
                .subscribeOn(Schedulers.boundedElastic())
                .toFuture();
        JsonNode previous = null;
        Set<String> runningVersions = new HashSet<>();
        // Paced at 50 CreateBackup calls/s, the job runs for 6 s or more and rewrites the report every 0.5 s.
        while (!job.isDone()) {
            if (previous != null || Files.exists(report)) {
                // Once written, the file is only ever replaced: it never goes missing, and it always parses.
                JsonNode current = ReportFile.JSON.readTree(Files.readAllBytes(report));
                assertGrewFrom(previous, current);
                if (current.get("finishedAt").isNull()) {
                    runningVersions.add(current.get("summary").toString());
                }
                previous = current;
            }
            Thread.sleep(5);
        }
        Cli.Result result = job.get();
        JsonNode last = read(report);
        assertGrewFrom(previous, last);

        assertEquals(DdbBackup.EXIT_OK, result.code(), result.err());
        assertTrue(runningVersions.size() >= 3, "read the report while the job ran: " + runningVersions);
        assertFalse(last.get("finishedAt").isNull());
        assertEquals(300, last.get("summary").get("created").asInt());
        assertEquals(300, tablesWithStatus(last, "CREATED").stream().distinct().count());
    }

    /**
     * {@code current} is a complete report, consistent in itself, and nothing in {@code previous} (an earlier read, if
     * any) went back: the counts only grow and the tables already listed keep their entries, in order.
     */
    private static void assertGrewFrom(JsonNode previous, JsonNode current) {
        JsonNode summary = current.get("summary");
        JsonNode tables = current.get("tables");
        assertEquals(REPORT_FIELDS, fieldNames(current));
        assertEquals(tablesWithStatus(current, "CREATED").size(), summary.get("created").asInt(), current::toString);
        assertEquals(tablesWithStatus(current, "FAILED").size(), summary.get("failed").asInt(), current::toString);
        assertEquals(tablesWithStatus(current, "SKIPPED").size(), summary.get("skipped").asInt(), current::toString);
        assertEquals(tables.size(), summary.get("created").asInt() + summary.get("failed").asInt()
                + summary.get("skipped").asInt(), current::toString);
        if (previous == null) {
            return;
        }
        assertEquals(previous.get("startedAt"), current.get("startedAt"));
        for (String count : List.of("requested", "created", "failed", "skipped")) {
            assertTrue(summary.get(count).asInt() >= previous.get("summary").get(count).asInt(),
                    count + " went down: " + previous.get("summary") + " then " + summary);
        }
        JsonNode before = previous.get("tables");
        assertTrue(tables.size() >= before.size(), "tables went down: " + before.size() + " then " + tables.size());
        for (int i = 0; i < before.size(); i++) {
            assertEquals(before.get(i), tables.get(i), "entry " + i + " changed");
        }
    }

    @Test
    void backsUpEachTableOnce() {
        emulator = Cli.emulator(emulators, 60);

        Cli.Result result = Cli.run(Cli.against(emulator, "backup", "--all"));

        assertEquals(DdbBackup.EXIT_OK, result.code(), result.err());
        assertEquals(60, emulator.stats().backupsByTable().size());
        assertTrue(emulator.stats().backupsByTable().values().stream().allMatch(backups -> backups.size() == 1));
    }

    @Test
    void rateOptionPacesCreateBackupCalls() {
        emulator = emulators.start(settings -> settings.rateLimits(EmulatorRateLimits.NONE));
        emulator.createTables("t-", 25);

        Cli.Result result = Cli.run(Cli.against(emulator, "backup", "--all", "--rate", "10"));

        assertEquals(DdbBackup.EXIT_OK, result.code(), result.err());
        assertEquals(25, emulator.stats().callCount("CreateBackup"));
        // Unpaced (concurrency 64), the 25 calls would all arrive within one second. The option must reach the
        // client's limiter, which paces call starts at 10 per second (its own tests check that exactly, on virtual
        // time); arrivals here also carry the first call's set-up and the machine's scheduling jitter, hence the
        // margin: what this proves is that the calls were spread out by --rate.
        int busiest = emulator.stats().maxCallsInAnyWindow("CreateBackup");
        assertTrue(busiest <= 15, "about 10 calls per second, saw " + busiest + " in one second");
    }

    @Test
    void resumeAfterAPartialRunBacksUpOnlyTheRest() {
        emulator = Cli.emulator(emulators, 60);
        Path first = dir.resolve("first.json");
        Path second = dir.resolve("second.json");
        List<String> firstTwenty = IntStream.range(0, 20).mapToObj(i -> String.format("t-%02d", i)).toList();

        Cli.Result partial = Cli.run(Cli.against(emulator, "backup", "--tables", String.join(",", firstTwenty),
                "--report", first.toString()));
        Cli.Result resumed = Cli.run(Cli.against(emulator, "backup", "--all", "--resume", first.toString(),
                "--report", second.toString()));

        assertEquals(DdbBackup.EXIT_OK, partial.code(), partial.err());
        assertEquals(DdbBackup.EXIT_OK, resumed.code(), resumed.err());
        assertEquals(60, emulator.stats().callCount("CreateBackup"));
        assertEquals(60, emulator.stats().backupsByTable().size());
        assertTrue(emulator.stats().backupsByTable().values().stream().allMatch(backups -> backups.size() == 1),
                "no table backed up twice");
        JsonNode report = read(second);
        assertEquals(60, report.get("summary").get("requested").asInt());
        assertEquals(40, report.get("summary").get("created").asInt());
        assertEquals(20, report.get("summary").get("skipped").asInt());
        JsonNode earlier = read(first);
        for (JsonNode table : report.get("tables")) {
            if (firstTwenty.contains(table.get("table").asString())) {
                assertEquals("SKIPPED", table.get("status").asString());
                assertTrue(table.get("reason").asString().contains("earlier run"), table.toString());
                assertEquals(arnOf(earlier, table.get("table").asString()), table.get("backupArn").asString(),
                        "the earlier backup is carried into the new report");
            } else {
                assertEquals("CREATED", table.get("status").asString(), table.toString());
            }
        }

        // A resumed run can itself be resumed: nothing is left to do.
        Cli.Result again = Cli.run(Cli.against(emulator, "backup", "--all", "--resume", second.toString()));
        assertEquals(DdbBackup.EXIT_OK, again.code(), again.err());
        assertEquals(60, emulator.stats().callCount("CreateBackup"));
        assertTrue(again.out().contains("0 created, 0 failed, 60 skipped"), again.out());
    }

    @Test
    void resumeSkipsWhatAnEarlierReportShowsAsCreated() throws IOException {
        emulator = Cli.emulator(emulators, 30);
        Path earlier = dir.resolve("earlier.json");
        ArrayNode tables = ReportFile.JSON.createArrayNode();
        for (int i = 0; i < 10; i++) {
            tables.addObject().put("table", String.format("t-%02d", i)).put("status", "CREATED")
                    .put("backupName", "b-" + i).put("backupArn", "arn:aws:dynamodb:us-east-1:123456789012:table/t/"
                            + "backup/0" + i).put("backupStatus", "AVAILABLE").put("attempts", 1);
        }
        tables.addObject().put("table", "t-10").put("status", "FAILED").put("attempts", 1)
                .putObject("error").put("code", "InternalServerError").put("message", "x").putNull("requestId");
        ObjectNode report = ReportFile.JSON.createObjectNode().put("startedAt", Instant.now().toString())
                .put("endpoint", emulator.endpoint().toString()).put("region", emulator.region());
        report.putNull("finishedAt");
        report.set("tables", tables);
        Files.writeString(earlier, report.toString());

        Cli.Result result = Cli.run(Cli.against(emulator, "backup", "--all", "--resume", earlier.toString()));

        assertEquals(DdbBackup.EXIT_OK, result.code(), result.err());
        for (int i = 0; i < 30; i++) {
            assertEquals(i < 10 ? 0 : 1, emulator.stats().backupCount(String.format("t-%02d", i)), "t-" + i);
        }
        assertTrue(result.out().contains("20 created, 0 failed, 10 skipped"), result.out());
    }

    @Test
    void resumeFindsBackupsTheInterruptedReportHadNotRecordedYet() throws IOException {
        emulator = Cli.emulator(emulators, 20);
        Path report = dir.resolve("report.json");
        assertEquals(DdbBackup.EXIT_OK, Cli.run(Cli.against(emulator, "backup", "--all", "--report",
                report.toString())).code());
        // As if killed before the last rewrites: only 5 of the 20 backups are in the report, and it never finished.
        ObjectNode truncated = (ObjectNode) read(report);
        ArrayNode kept = ReportFile.JSON.createArrayNode();
        StreamSupport.stream(truncated.get("tables").spliterator(), false).limit(5).forEach(kept::add);
        truncated.set("tables", kept);
        truncated.putNull("finishedAt");
        Files.writeString(report, truncated.toString());
        Path resumedReport = dir.resolve("resumed.json");

        Cli.Result resumed = Cli.run(Cli.against(emulator, "backup", "--all", "--resume", report.toString(),
                "--report", resumedReport.toString()));

        assertEquals(DdbBackup.EXIT_OK, resumed.code(), resumed.err());
        assertEquals(20, emulator.stats().callCount("CreateBackup"), "no second backup of any table");
        assertTrue(emulator.stats().backupsByTable().values().stream().allMatch(backups -> backups.size() == 1));
        long listed = StreamSupport.stream(read(resumedReport).get("tables").spliterator(), false)
                .filter(t -> t.get("reason").asString().contains("ListBackups"))
                .peek(t -> assertNotNull(t.get("backupArn"), t.toString()))
                .count();
        assertEquals(15, listed);
    }

    @Test
    void resumeRecognisesTablesNamedByTheirArnsInTheListing() throws IOException {
        emulator = Cli.emulator(emulators, 6);
        String arns = IntStream.range(0, 6).mapToObj(i -> emulator.tableArn("t-" + i))
                .collect(Collectors.joining(","));
        Path report = dir.resolve("report.json");
        Cli.Result first = Cli.run(Cli.against(emulator, "backup", "--tables", arns, "--report", report.toString()));
        assertEquals(DdbBackup.EXIT_OK, first.code(), first.out() + first.err());
        // As if killed before the report recorded anything.
        ObjectNode empty = (ObjectNode) read(report);
        empty.set("tables", ReportFile.JSON.createArrayNode());
        empty.putNull("finishedAt");
        Files.writeString(report, empty.toString());

        Cli.Result resumed = Cli.run(Cli.against(emulator, "backup", "--tables", arns, "--resume",
                report.toString()));

        assertEquals(DdbBackup.EXIT_OK, resumed.code(), resumed.err());
        assertEquals(6, emulator.stats().callCount("CreateBackup"), "no second backup of a table named by its ARN");
        assertTrue(resumed.out().contains("0 created, 0 failed, 6 skipped"), resumed.out());
    }

    @Test
    void dryRunMakesNoCreateBackupCall() {
        emulator = Cli.emulator(emulators, 12);
        Path report = dir.resolve("dry.json");

        Cli.Result result = Cli.run(Cli.against(emulator, "backup", "--prefix", "t-0", "--dry-run",
                "--name-template", "nightly-{table}-{date}", "--report", report.toString()));

        assertEquals(DdbBackup.EXIT_OK, result.code(), result.err());
        assertEquals(0, emulator.stats().callCount("CreateBackup"));
        assertEquals(0, emulator.stats().backupsByTable().values().stream().mapToInt(List::size).sum());
        JsonNode json = read(report);
        assertEquals(10, json.get("summary").get("skipped").asInt());
        for (JsonNode table : json.get("tables")) {
            assertEquals("SKIPPED", table.get("status").asString());
            assertTrue(table.get("backupName").asString().matches("nightly-" + table.get("table").asString()
                    + "-\\d{8}"), table.toString());
            assertTrue(result.out().contains("  " + table.get("table").asString()
                    + ": dry run: would create backup " + table.get("backupName").asString()), result.out());
        }
    }

    @Test
    void tablesFileWithCommentsAndExclude() throws IOException {
        emulator = Cli.emulator(emulators, 6);
        Path tables = dir.resolve("tables.txt");
        Files.writeString(tables, "# nightly\nt-0\n\n  t-1  \nt-3\nt-4\n# t-5\n");
        Path report = dir.resolve("report.json");

        Cli.Result result = Cli.run(Cli.against(emulator, "backup", "--tables-file", tables.toString(),
                "--exclude", "t-[34]", "--report", report.toString()));

        assertEquals(DdbBackup.EXIT_OK, result.code(), result.err());
        Set<String> backedUp = emulator.stats().backupsByTable().keySet();
        assertEquals(Set.of("t-0", "t-1"), backedUp);
        assertEquals(2, read(report).get("summary").get("requested").asInt());
    }

    @Test
    void waitConfirmsBackupsWithListBackupsAndReportsWhenEachWasCreatedAndSeenAvailable() {
        emulator = emulators.start(settings -> settings.backupCreationDelay(Duration.ofMillis(300)));
        emulator.createTables("t-", 5);
        Path report = dir.resolve("report.json");

        Cli.Result result = Cli.run(Cli.against(emulator, "backup", "--all", "--wait", "--report",
                report.toString()));

        assertEquals(DdbBackup.EXIT_OK, result.code(), result.err());
        JsonNode json = read(report);
        Instant lastCreated = Instant.EPOCH;
        Instant lastAvailable = Instant.EPOCH;
        for (JsonNode table : json.get("tables")) {
            assertEquals("AVAILABLE", table.get("backupStatus").asString(), table.toString());
            Instant created = Instant.parse(table.get("createdAt").asString());
            Instant available = Instant.parse(table.get("availableAt").asString());
            assertFalse(available.isBefore(created), table.toString());
            lastCreated = created.isAfter(lastCreated) ? created : lastCreated;
            lastAvailable = available.isAfter(lastAvailable) ? available : lastAvailable;
        }
        assertEquals(Duration.between(lastCreated, lastAvailable).toMillis() / 1000.0,
                json.get("summary").get("availableSecondsAfterLastCreate").asDouble(), 0.0015, json.toString());
        assertTrue(emulator.stats().callCount("ListBackups") >= 1, "five backups are confirmed by listing them");
    }

    @Test
    void localBackupDelayKeepsTheEmulatorsBackupsCreatingThatLong() {
        Path report = dir.resolve("report.json");

        Cli.Result result = Cli.run("backup", "--local", "3", "--local-backup-delay", "3s", "--wait", "--report",
                report.toString());

        assertEquals(DdbBackup.EXIT_OK, result.code(), result.err());
        for (JsonNode table : read(report).get("tables")) {
            // The emulator's ARNs carry the creation time in epoch milliseconds: .../backup/<14 digits>-<8 hex>.
            String arn = table.get("backupArn").asString();
            long createdMillis = Long.parseLong(arn.substring(arn.lastIndexOf('/') + 1, arn.lastIndexOf('-')));
            Instant available = Instant.parse(table.get("availableAt").asString());
            assertFalse(available.isBefore(Instant.ofEpochMilli(createdMillis).plusSeconds(3)), table.toString());
        }
    }

    @Test
    void failedTablesAreReportedWithTheirErrorAndExitOne() {
        emulator = Cli.emulator(emulators, 2);
        Path report = dir.resolve("report.json");

        Cli.Result result = Cli.run(Cli.against(emulator, "backup", "--tables", "t-0,gone,t-1",
                "--report", report.toString()));

        assertEquals(DdbBackup.EXIT_FAILED, result.code(), result.out());
        JsonNode json = read(report);
        assertEquals(1, json.get("summary").get("failed").asInt());
        assertEquals(2, json.get("summary").get("created").asInt());
        JsonNode gone = entry(json, "gone");
        assertEquals(Set.of("table", "status", "error", "attempts"), fieldNames(gone));
        assertEquals("FAILED", gone.get("status").asString());
        assertEquals(Set.of("code", "message", "requestId"), fieldNames(gone.get("error")));
        assertEquals("TableNotFoundException", gone.get("error").get("code").asString());
        assertFalse(gone.get("error").get("message").asString().isBlank());
        assertFalse(gone.get("error").get("requestId").asString().isBlank());
        assertEquals(1, gone.get("attempts").asInt());
        assertTrue(result.out().contains("FAILED gone: TableNotFoundException"), result.out());
    }

    @Test
    void interruptStopsStartingBackupsWritesTheReportAndTheRestCanBeResumed() {
        emulator = Cli.emulator(emulators, 60);
        Path report = dir.resolve("report.json");
        Sinks.Empty<Void> interrupt = Sinks.empty();
        // At 10 calls/s the permits are 100 ms apart and a call takes a few: when the interrupt comes, of the 4
        // tables taken at most one or two have been sent; the others wait for a permit and must end SKIPPED.
        int concurrency = 4;
        Mono<Cli.Result> run = Mono.fromCallable(() -> Cli.run(interrupt.asMono(), Cli.against(emulator,
                "backup", "--all", "--rate", "10", "--concurrency", Integer.toString(concurrency),
                "--report", report.toString())))
                .subscribeOn(Schedulers.boundedElastic())
                .cache();
        run.subscribe();
        Flux.interval(Duration.ofMillis(20))
                .map(tick -> emulator.stats().callCount("CreateBackup"))
                .filter(calls -> calls >= 5)
                .blockFirst(Cli.TIMEOUT);

        interrupt.tryEmitEmpty();
        Cli.Result interrupted = run.block(Cli.TIMEOUT);

        assertEquals(DdbBackup.EXIT_INTERRUPTED, interrupted.code(), interrupted.err());
        assertTrue(interrupted.err().contains("--resume " + report.toAbsolutePath()), interrupted.err());
        JsonNode json = read(report);
        assertNotNull(json.get("finishedAt").asString());
        JsonNode summary = json.get("summary");
        List<String> created = tablesWithStatus(json, "CREATED");
        List<JsonNode> skipped = entriesWithStatus(json, "SKIPPED");
        assertEquals(0, summary.get("failed").asInt());
        assertEquals(created.size(), summary.get("created").asInt());
        assertEquals(skipped.size(), summary.get("skipped").asInt());
        assertEquals(json.get("tables").size(), summary.get("requested").asInt(), "every table taken is reported");
        assertEquals(created.size() + skipped.size(), json.get("tables").size());
        assertTrue(created.size() >= 5 && created.size() < 60, "created " + created);
        assertTrue(!skipped.isEmpty() && skipped.size() <= concurrency,
                "the tables taken but not sent end SKIPPED, at most " + concurrency + ": " + skipped);
        for (JsonNode table : skipped) {
            assertEquals("the job was stopped before the table's CreateBackup was sent",
                    table.get("reason").asString(), table.toString());
            assertNull(table.get("backupArn"), table.toString());
        }
        assertEquals(Set.copyOf(created), emulator.stats().backupsByTable().keySet(),
                "every backup made is in the report, and no SKIPPED table has one");
        assertEquals(created.size(), emulator.stats().callCount("CreateBackup"));

        Path resumedReport = dir.resolve("resumed.json");
        Cli.Result resumed = Cli.run(Cli.against(emulator, "backup", "--all", "--resume", report.toString(),
                "--report", resumedReport.toString()));
        assertEquals(DdbBackup.EXIT_OK, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("; " + created.size() + " tables already backed up are skipped"),
                resumed.out());
        assertEquals(60, emulator.stats().backupsByTable().size());
        assertTrue(emulator.stats().backupsByTable().values().stream().allMatch(backups -> backups.size() == 1));
        JsonNode after = read(resumedReport);
        assertEquals(Set.copyOf(created), Set.copyOf(tablesWithStatus(after, "SKIPPED")));
        assertTrue(tablesWithStatus(after, "CREATED").containsAll(skipped.stream()
                .map(table -> table.get("table").asString()).toList()), "the SKIPPED tables are backed up now");
    }

    @Test
    void rateZeroIsAcceptedForALoopbackEndpoint() {
        emulator = Cli.emulator(emulators, 3);

        Cli.Result result = Cli.run(Cli.against(emulator, "backup", "--all", "--rate", "0"));

        assertEquals(DdbBackup.EXIT_OK, result.code(), result.err());
        assertEquals(3, emulator.stats().callCount("CreateBackup"));
    }

    private static JsonNode read(Path file) {
        return ReportFile.JSON.readTree(file);
    }

    private static List<JsonNode> entriesWithStatus(JsonNode report, String status) {
        return StreamSupport.stream(report.get("tables").spliterator(), false)
                .filter(table -> table.get("status").asString().equals(status))
                .toList();
    }

    private static List<String> tablesWithStatus(JsonNode report, String status) {
        return entriesWithStatus(report, status).stream().map(table -> table.get("table").asString()).toList();
    }

    private static Set<String> fieldNames(JsonNode node) {
        return new HashSet<>(node.propertyNames());
    }

    private static JsonNode entry(JsonNode report, String table) {
        List<JsonNode> found = new ArrayList<>();
        report.get("tables").forEach(t -> {
            if (t.get("table").asString().equals(table)) {
                found.add(t);
            }
        });
        assertEquals(1, found.size(), table);
        return found.get(0);
    }

    private static String arnOf(JsonNode report, String table) {
        return entry(report, table).get("backupArn").asString();
    }
}
