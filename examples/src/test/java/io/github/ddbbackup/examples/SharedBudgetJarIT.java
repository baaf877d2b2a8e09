package io.github.ddbbackup.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.ddbbackup.emulator.DynamoDbEmulator;
import io.github.ddbbackup.emulator.DynamoDbEmulatorExtension;
import io.github.ddbbackup.emulator.ReceivedRequest;
import io.github.ddbbackup.ratelimit.redis.RedisServer;
import io.github.ddbbackup.ratelimit.redis.SharedBudgetAssertions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Three bulk jobs started at once, each a separate {@code java -jar ddb-backup.jar backup --redis URL} process at the
 * default rate on its own 200 of 600 tables of one emulator enforcing DynamoDB's 50 CreateBackup calls per second:
 * they draw on one CreateBackup budget in one redis-server (one bucket there, and together they take at least as
 * long as one budget of 50 per second allows: each alone would send its full rate), and every table is backed up exactly
 * once, and the emulator saw at most 50 CreateBackup requests arrive in any second and refused none: the jobs count
 * every request in the budget's wire log in Redis until a second after its answer, so three cold JVMs starting
 * together cannot bunch their first requests past the limit.
 */
@Timeout(300)
class SharedBudgetJarIT {

    private static final Path JAR = Path.of("target", "ddb-backup.jar");
    /** Three jobs; {@code -Dddb.it.sharedBudget.processes=N} runs N instead, for BENCHMARKS.md's 1, 3 and 5. */
    private static final int PROCESSES = Integer.getInteger("ddb.it.sharedBudget.processes", 3);
    private static final int TABLES = 600;
    private static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(180);

    @TempDir
    Path dir;

    @RegisterExtension
    final DynamoDbEmulatorExtension dynamoDb = new DynamoDbEmulatorExtension();

    @Test
    void threeJobsSharingOneRedisBudgetBackUpEveryTableOnceAndTakeAtLeastOneBudgetsTime() throws Exception {
        try (RedisServer redis = RedisServer.start()) {
            DynamoDbEmulator emulator = dynamoDb.emulator();
            List<String> tables = emulator.createTables("t-", TABLES);

            List<Process> jobs = new ArrayList<>();
            List<Path> outputs = new ArrayList<>();
            try {
                int share = TABLES / PROCESSES;
                for (int i = 0; i < PROCESSES; i++) {
                    Path tablesFile = Files.write(dir.resolve("tables-" + i + ".txt"),
                            tables.subList(i * share, (i + 1) * share));
                    outputs.add(dir.resolve("output-" + i + ".txt"));
                    jobs.add(start(List.of("backup", "--endpoint", emulator.endpoint().toString(),
                            "--region", emulator.region(), "--tables-file", tablesFile.toString(),
                            "--redis", redis.uri(),
                            "--report", dir.resolve("report-" + i + ".json").toString()), emulator, outputs.get(i)));
                }
                for (int i = 0; i < PROCESSES; i++) {
                    if (!jobs.get(i).waitFor(PROCESS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                        fail("job " + i + " did not finish within " + PROCESS_TIMEOUT + "; its output: "
                                + Files.readString(outputs.get(i)) + "\nits threads:\n" + threadDump(jobs.get(i)));
                    }
                }
            } finally {
                jobs.forEach(Process::destroyForcibly);
            }

            Instant firstStart = Instant.MAX;
            Instant lastFinish = Instant.MIN;
            for (int i = 0; i < PROCESSES; i++) {
                String output = Files.readString(outputs.get(i));
                assertEquals(DdbBackup.EXIT_OK, jobs.get(i).exitValue(), "job " + i + "; its output: " + output);
                JsonNode report = ReportFile.JSON.readTree(dir.resolve("report-" + i + ".json"));
                assertEquals(TABLES / PROCESSES, report.get("summary").get("created").asInt(), output);
                Instant started = Instant.parse(report.get("startedAt").asString());
                Instant finished = Instant.parse(report.get("finishedAt").asString());
                firstStart = started.isBefore(firstStart) ? started : firstStart;
                lastFinish = finished.isAfter(lastFinish) ? finished : lastFinish;
            }
            List<Instant> arrivals = emulator.stats().requests("CreateBackup").stream()
                    .map(ReceivedRequest::receivedAt).sorted().toList();
            // What BENCHMARKS.md records (issue 22's bound), printed before the assertions so that every run is measured.
            System.out.printf(java.util.Locale.ROOT, "shared budget: %d processes, %d tables: most CreateBackup"
                            + " arrivals in any second %d, LimitExceededException %d, first to last arrival %.2f s"
                            + " (floor %.2f s), first job start to last job end %d s%n", PROCESSES, TABLES,
                    emulator.stats().maxRequestsInAnyWindow("CreateBackup"),
                    emulator.stats().limitExceededCount("CreateBackup"),
                    Duration.between(arrivals.get(0), arrivals.get(arrivals.size() - 1)).toMillis() / 1e3,
                    (TABLES - 1) / 50.0, Duration.between(firstStart, lastFinish).toSeconds());
            SharedBudgetAssertions.assertEveryTableBackedUpOnceAndEveryLimitExceededRetried(emulator, TABLES);
            SharedBudgetAssertions.assertAtMostFiftyArrivalsInAnySecondAndNoLimitExceeded(emulator);
            assertEquals(1, redis.redis(commands -> commands.keys("ddb-backup:rate-limit:us-east-1:*:CreateBackup"))
                    .size(), "one CreateBackup bucket in Redis, shared by the three jobs");
            // One budget of 50 per 1.005 s or more (burst 1, the margin at least 5 ms) spaces its permits at least
            // 20.1 ms apart: the 600th comes at least 12.04 s after the first, all of it between the first job's start
            // and the last one's end (the reports' times are whole seconds, rounded down: up to 1 s less). A budget
            // per job would let them finish in 4 s.
            Duration together = Duration.between(firstStart, lastFinish);
            assertTrue(together.compareTo(Duration.ofMillis(599 * 20_100 / 1_000 - 1_000)) >= 0,
                    "the three jobs ran from " + firstStart + " to " + lastFinish + ": faster than one shared budget"
                            + " of 50 per second allows");
        }
    }

    /** What a job that does not finish is doing, for the failure message: {@code jcmd <pid> Thread.print}. */
    private static String threadDump(Process job) {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(job.pid()), "Thread.print").redirectErrorStream(true).start();
            String dump = new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            jcmd.waitFor(30, TimeUnit.SECONDS);
            return dump;
        } catch (Exception e) {
            return "(no thread dump: " + e + ")";
        }
    }

    /** {@code java -jar ddb-backup.jar args}, signing with the emulator's credentials, output to {@code output}. */
    private static Process start(List<String> args, DynamoDbEmulator emulator, Path output) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(),
                // Small heap, serial GC and C1 only: three JVMs must start and run beside this one on two cores.
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("AWS_"));
        environment.put("AWS_ACCESS_KEY_ID", emulator.accessKeyId());
        environment.put("AWS_SECRET_ACCESS_KEY", emulator.secretAccessKey());
        return builder.start();
    }
}
