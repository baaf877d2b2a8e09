package io.github.ddbbackup.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.emulator.DynamoDbEmulator;
import io.github.ddbbackup.reactor.DynamoDbBackupClient;
import io.github.ddbbackup.reactor.VirtualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import tools.jackson.databind.JsonNode;

/** The summary line prints the numbers the report holds: one elapsed time, one CreateBackup rate. */
@Timeout(120)
class SummaryMatchesReportTest {

    /** Elapsed seconds; the CreateBackup rate; with --wait, the seconds from the last CreateBackup to AVAILABLE. */
    private static final Pattern SUMMARY = Pattern.compile("backup: \\d+ tables? in ([0-9.]+) s: [^;]*; ([^;]*)"
            + "(?:; last AVAILABLE ([0-9.]+) s after the last CreateBackup)?");

    @RegisterExtension
    static final CountedEmulator EMULATOR = new CountedEmulator(3);

    @TempDir
    Path dir;

    @Test
    void summaryLineAndReportStateTheSameElapsedTime() {
        // Every reading of the job's clock is one second later than the one before: two measurements of the end,
        // however close in real time, differ by whole seconds.
        AtomicLong reads = new AtomicLong();
        VirtualClock stepping = new VirtualClock(VirtualClock.START,
                () -> reads.incrementAndGet() * Duration.ofSeconds(1).toNanos());
        Path report = dir.resolve("report.json");

        Cli.Result result = Cli.run(stepping, Cli.against(EMULATOR.get(), "backup", "--all", "--report",
                report.toString()));

        assertEquals(DdbBackup.EXIT_OK, result.code(), result.err());
        double written = ReportFile.JSON.readTree(report).get("summary").get("elapsedSeconds").asDouble();
        assertEquals(String.format(Locale.ROOT, "%.1f", written), summary(result).group(1), result.out());
    }

    @Test
    void noCreateBackupCallMeansNoRateInTheReportOrTheSummary() {
        Path report = dir.resolve("report.json");

        Cli.Result result = Cli.run(Cli.against(EMULATOR.get(), "backup", "--all", "--dry-run", "--report",
                report.toString()));

        assertEquals(DdbBackup.EXIT_OK, result.code(), result.err());
        JsonNode summary = ReportFile.JSON.readTree(report).get("summary");
        assertFalse(summary.has("createCallsPerSecond"), summary.toString());
        assertEquals("no CreateBackup call", summary(result).group(2), result.out());
    }

    @Test
    void theWaitForAvailableBackupsIsOutsideTheCreateBackupRate() {
        // One table: the rate's span is its one CreateBackup exchange. Its backup stays CREATING for 5 s, which
        // --wait waits out; a rate over the wait would be at most 1 call / 5 s = 0.2.
        try (DynamoDbEmulator slow = DynamoDbEmulator.builder().port(0).backupCreationDelay(Duration.ofSeconds(5))
                .build()) {
            slow.createTables("t-", 1);
            slow.start();
            Path report = dir.resolve("report.json");

            Cli.Result result = Cli.run(Cli.against(slow, "backup", "--all", "--wait", "--report",
                    report.toString()));

            assertEquals(DdbBackup.EXIT_OK, result.code(), result.err());
            JsonNode summary = ReportFile.JSON.readTree(report).get("summary");
            assertTrue(summary.get("elapsedSeconds").asDouble() >= 5, summary.toString());
            double rate = summary.get("createCallsPerSecond").asDouble();
            assertTrue(rate > 0.2, "a rate of " + rate + " counts the wait: " + summary);
            assertEquals(String.format(Locale.ROOT, "%.1f CreateBackup calls/s", rate), summary(result).group(2),
                    result.out());
            // The wait after the last (only) CreateBackup: its 5 s CREATING, printed as the report holds it.
            double afterLastCreate = summary.get("availableSecondsAfterLastCreate").asDouble();
            assertTrue(afterLastCreate >= 4 && afterLastCreate <= summary.get("elapsedSeconds").asDouble(),
                    summary.toString());
            assertEquals(String.format(Locale.ROOT, "%.1f", afterLastCreate), summary(result).group(3),
                    result.out());
        }
    }

    @Test
    void createBackupSpanRunsFromTheFirstRequestSentToTheLastAnswerAndNothingElse() {
        // A clock only this test moves: each exchange is stamped with the time the test set before it.
        AtomicLong nanos = new AtomicLong();
        CreateBackupCalls calls = new CreateBackupCalls(new VirtualClock(VirtualClock.START, nanos::get));
        DynamoDbEmulator emulator = EMULATOR.get();
        try (DynamoDbBackupClient client = DynamoDbBackupClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(emulator.region())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(emulator.accessKeyId(), emulator.secretAccessKey())))
                .httpClientCustomizer(calls.observer())
                .build()) {
            client.listTables().collectList().block(Cli.TIMEOUT);
            assertTrue(calls.span().isEmpty(), "ListTables is no CreateBackup call");

            nanos.set(Duration.ofSeconds(10).toNanos());
            String arn = client.createBackup("t-0", "first").block(Cli.TIMEOUT).backupArn();
            nanos.set(Duration.ofSeconds(12).toNanos());
            client.createBackup("t-1", "second").block(Cli.TIMEOUT);
            nanos.set(Duration.ofSeconds(100).toNanos());
            client.describeBackup(arn).block(Cli.TIMEOUT);
            client.listTables().collectList().block(Cli.TIMEOUT);

            assertEquals(Duration.ofSeconds(2), calls.span().orElseThrow());
        }
        JobRecord record = new JobRecord(new VirtualClock(VirtualClock.START, nanos::get), "http://127.0.0.1:1",
                "us-east-1", calls);
        record.add(Report.TableResult.failed("t-0", new IllegalStateException("refused"), 2));
        record.add(Report.TableResult.failed("t-1", new IllegalStateException("refused"), 2));
        assertEquals(2.0, record.snapshot(true).summary().createCallsPerSecond(), "4 calls over 2 s");
    }

    private static Matcher summary(Cli.Result result) {
        Matcher summary = result.out().lines().map(SUMMARY::matcher).filter(Matcher::matches).findFirst()
                .orElseThrow(() -> new AssertionError("no summary line in " + result.out()));
        return summary;
    }
}
