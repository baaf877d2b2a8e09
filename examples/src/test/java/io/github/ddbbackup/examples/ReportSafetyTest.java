package io.github.ddbbackup.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.emulator.DynamoDbEmulator;
import io.github.ddbbackup.emulator.DynamoDbEmulatorExtension;
import io.github.ddbbackup.emulator.EmulatorRateLimits;
import io.github.ddbbackup.ratelimit.RateLimiter;
import io.github.ddbbackup.ratelimit.RateLimits;
import io.github.ddbbackup.ratelimit.TokenBucketRateLimiter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.scheduler.VirtualTimeScheduler;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code --report} writes an ordinary file and nothing else, and says before the first request when it cannot;
 * {@code --resume} takes only a report of the same target.
 */
@Timeout(60)
class ReportSafetyTest {

    @RegisterExtension
    static final CountedEmulator EMULATOR = new CountedEmulator(3);
    /** For the test that needs an emulator of its own. */
    @RegisterExtension
    final DynamoDbEmulatorExtension emulators = DynamoDbEmulatorExtension.onDemand();

    @TempDir
    Path dir;

    @Test
    void aSymlinkToARegularFileIsFollowedAndStaysALink() throws IOException {
        Path target = Files.writeString(dir.resolve("nightly.json"), "last night's report");
        Path link = Files.createSymbolicLink(dir.resolve("latest.json"), target);

        Cli.Result result = Cli.run(Cli.against(EMULATOR.get(), "backup", "--all", "--report", link.toString()));

        assertEquals(DdbBackup.EXIT_OK, result.code(), result.out() + result.err());
        assertTrue(Files.isSymbolicLink(link), "the link is still a link");
        assertEquals(target, Files.readSymbolicLink(link));
        assertEquals(3, ReportFile.read(target).summary().created());
    }

    @ParameterizedTest
    @ValueSource(strings = {"directory", "fifo", "link to /dev/null", "link to nothing"})
    void aPathThatIsNotARegularFileIsAUsageErrorAndNothingIsSent(String kind) throws Exception {
        Path path = dir.resolve("report.json");
        switch (kind) {
            case "directory" -> Files.createDirectory(path);
            case "fifo" -> assertEquals(0, new ProcessBuilder("mkfifo", path.toString()).start().waitFor());
            case "link to /dev/null" -> Files.createSymbolicLink(path, Path.of("/dev/null"));
            default -> Files.createSymbolicLink(path, dir.resolve("missing.json"));
        }

        Cli.Result result = Cli.run(Cli.against(EMULATOR.get(), "backup", "--all", "--report", path.toString()));

        assertEquals(DdbBackup.EXIT_USAGE, result.code(), result.out() + result.err());
        assertTrue(result.err().contains("--report: " + path), result.err());
        assertEquals(List.of(), EMULATOR.get().stats().requests(), "requests the emulator received");
        assertEquals(kind.startsWith("link"), Files.isSymbolicLink(path), "the path is left as it was");
    }

    @Test
    void anUnwritablePlaceIsAUsageErrorAndNothingIsSent() throws IOException {
        // A regular file where the report's directory would be: unwritable even for root.
        Path file = Files.writeString(dir.resolve("not-a-directory"), "x");

        Cli.Result result = Cli.run(Cli.against(EMULATOR.get(), "backup", "--all", "--report",
                file.resolve("report.json").toString()));

        assertEquals(DdbBackup.EXIT_USAGE, result.code(), result.out() + result.err());
        assertTrue(result.err().contains("--report: cannot write in " + file), result.err());
        assertEquals(List.of(), EMULATOR.get().stats().requests(), "requests the emulator received");
    }

    @Test
    void aReportThatCannotBeWrittenMidJobIsKeptElsewhereAndTheJobEndsWithEveryTableAccountedFor() throws Exception {
        Path reports = Files.createDirectory(dir.resolve("reports"));
        Path report = reports.resolve("report.json");
        // Rate limits on virtual time: the job moves only when this test advances it, so the report's directory
        // is swapped while the job is certainly running.
        // The emulator enforces no limit (its own would count real time, which passes slower here).
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        Function<RateLimits, RateLimiter> onVirtualTime = limits -> TokenBucketRateLimiter.create(limits, time);
        DynamoDbEmulator unlimited = emulators.start(settings -> settings.rateLimits(EmulatorRateLimits.NONE));
        try {
            unlimited.createTables("t-", 200);
            CompletableFuture<Cli.Result> job = Mono.fromCallable(() -> Cli.run(onVirtualTime,
                            Cli.against(unlimited, "backup", "--all", "--report", report.toString())))
                    .subscribeOn(Schedulers.boundedElastic())
                    .toFuture();
            while (!Files.exists(report)) {
                time.advanceTimeBy(Duration.ofMillis(10));
                Thread.sleep(1);
            }
            // The directory is moved away and a file takes its place: later writes there fail.
            Files.move(reports, dir.resolve("moved"));
            Files.writeString(reports, "in the way");
            assertFalse(job.isDone(), "200 backups at 50/s need seconds of virtual time");
            while (!job.isDone()) {
                time.advanceTimeBy(Duration.ofMillis(10));
                Thread.sleep(1);
            }
            Cli.Result result = job.get();

            assertEquals(DdbBackup.EXIT_FAILED, result.code(), result.out() + result.err());
            assertTrue(result.err().contains("cannot write the report to " + report + " (a file is in the way of a"
                    + " directory); it is kept at "), result.err());
            String kept = result.err().substring(result.err().indexOf("it is kept at ") + "it is kept at ".length())
                    .lines().findFirst().orElseThrow().replace(" instead", "");
            assertTrue(result.out().contains("report: " + kept), result.out());
            assertTrue(result.out().contains("200 created, 0 failed"), result.out());
            Report copy = ReportFile.read(Path.of(kept));
            assertEquals(200, copy.summary().created());
            assertEquals(200, copy.tables().size());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(kept))));
        } finally {
            time.dispose();
        }
    }

    @Test
    void resumeFromAReportOfAnotherEndpointIsRefusedNamingBoth() throws IOException {
        Path earlier = report("https://dynamodb.us-east-1.amazonaws.com", EMULATOR.get().region());

        Cli.Result result = Cli.run(Cli.against(EMULATOR.get(), "backup", "--all", "--resume", earlier.toString()));

        assertEquals(DdbBackup.EXIT_USAGE, result.code(), result.out() + result.err());
        assertTrue(result.err().contains("the report is of https://dynamodb.us-east-1.amazonaws.com (us-east-1), this"
                + " job backs up " + EMULATOR.get().endpoint()), result.err());
        assertEquals(List.of(), EMULATOR.get().stats().requests(), "requests the emulator received");
    }

    @Test
    void resumeFromAReportOfAnotherRegionIsRefused() throws IOException {
        Path earlier = report(EMULATOR.get().endpoint().toString(), "eu-west-1");

        Cli.Result result = Cli.run(Cli.against(EMULATOR.get(), "backup", "--all", "--resume", earlier.toString()));

        assertEquals(DdbBackup.EXIT_USAGE, result.code(), result.out() + result.err());
        assertTrue(result.err().contains("(eu-west-1), this job backs up"), result.err());
        assertEquals(List.of(), EMULATOR.get().stats().requests(), "requests the emulator received");
    }

    @Test
    void resumeFromAReportOfAnotherAccountIsRefusedNamingBoth() throws IOException {
        Path earlier = report(EMULATOR.get().endpoint().toString(), EMULATOR.get().region(), "210987654321");

        Cli.Result result = Cli.run(Cli.against(EMULATOR.get(), "backup", "--all", "--resume", earlier.toString()));

        assertEquals(DdbBackup.EXIT_USAGE, result.code(), result.out() + result.err());
        assertTrue(result.err().contains("--resume: the report earlier.json (account 210987654321) is of another"
                + " account than the target " + EMULATOR.get().endpoint() + " (us-east-1), account 123456789012"),
                result.err());
        assertEquals(1, EMULATOR.get().stats().requestCount("GetCallerIdentity"));
        assertEquals(0, EMULATOR.get().stats().requestCount("CreateBackup"));
    }

    @Test
    void resumeFromAReportOfTheTargetsAccountIsConfirmedWithOneStsCall() throws IOException {
        Path earlier = report(EMULATOR.get().endpoint().toString(), EMULATOR.get().region());

        Cli.Result result = Cli.run(Cli.against(EMULATOR.get(), "backup", "--all", "--resume", earlier.toString()));

        assertEquals(DdbBackup.EXIT_OK, result.code(), result.out() + result.err());
        assertEquals(1, EMULATOR.get().stats().requestCount("GetCallerIdentity"));
    }

    /** A report of another run that backed up t-0, at this endpoint and region, in the emulator's account. */
    private Path report(String endpoint, String region) throws IOException {
        return report(endpoint, region, DynamoDbEmulator.DEFAULT_ACCOUNT_ID);
    }

    /** A report of another run that backed up t-0, at this endpoint and region, in {@code account}. */
    private Path report(String endpoint, String region, String account) throws IOException {
        ObjectNode report = ReportFile.JSON.createObjectNode().put("startedAt", "2026-12-06T10:00:00Z")
                .put("endpoint", endpoint).put("region", region);
        report.putNull("finishedAt");
        report.putArray("tables").addObject().put("table", "t-0").put("status", "CREATED").put("backupName", "b")
                .put("backupArn", "arn:aws:dynamodb:" + region + ":" + account + ":table/t-0/backup/01")
                .put("attempts", 1);
        return Files.writeString(dir.resolve("earlier.json"), report.toString());
    }
}
