package io.github.ddbbackup.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.emulator.DynamoDbEmulator;
import io.github.ddbbackup.emulator.DynamoDbEmulatorExtension;
import io.github.ddbbackup.emulator.Fault;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The shaded jar, run as a user would: its dependencies and their service files must all be inside, stdout not being
 * a terminal must give plain lines, and Ctrl-C (a real SIGINT to its process) must end the job as documented.
 */
@Timeout(180)
class DdbBackupJarIT {

    private static final Path JAR = Path.of("target", "ddb-backup.jar");
    /** A hang fails the test; no run here comes near it. */
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);
    /** Beyond the documented grace: the JVM's own shutdown, on a loaded machine. */
    private static final Duration EXIT_MARGIN = Duration.ofSeconds(30);
    private static final String STOPPED = "the job was stopped before the table's CreateBackup was sent";

    @TempDir
    Path dir;

    /** For the tests whose job calls an emulator in this JVM. */
    @RegisterExtension
    final DynamoDbEmulatorExtension emulators = DynamoDbEmulatorExtension.onDemand();

    @Test
    void backsUpTheLocalTablesAndWritesTheReport() throws Exception {
        Path report = dir.resolve("nested").resolve("report.json");

        Run run = java("backup", "--local", "30", "--report", report.toString());

        assertEquals(DdbBackup.EXIT_OK, run.code(), run.output());
        assertTrue(run.output().contains("backup: 30 tables in "), run.output());
        JsonNode json = ReportFile.JSON.readTree(report);
        assertEquals(30, json.get("summary").get("created").asInt());
        assertEquals(30, json.get("tables").size());
    }

    @Test
    void aUsageErrorExitsTwo() throws Exception {
        Run run = java("backup", "--local", "3", "--bogus");

        assertEquals(DdbBackup.EXIT_USAGE, run.code(), run.output());
        assertTrue(run.output().contains("Unknown option: '--bogus'"), run.output());
        assertTrue(run.output().contains("Try 'ddb-backup backup --help' for more information."), run.output());
    }

    @Test
    void debugLoggingNeverPrintsTheSecretKeyOrTheSessionToken() throws Exception {
        String secret = "CanarySecretKey0000000000000000000000000";
        String token = "CanarySessionToken1111111111111111";
        DynamoDbEmulator emulator = emulators.start(settings -> settings.credentials("ASIACANARY0000000000", secret)
                .sessionToken(token));
        emulator.createTables("t-", 2);

        Run run = java(List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=debug"),
                Map.of("AWS_ACCESS_KEY_ID", "ASIACANARY0000000000", "AWS_SECRET_ACCESS_KEY", secret,
                        "AWS_SESSION_TOKEN", token),
                "backup", "--tables", "t-0,t-1", "--endpoint", emulator.endpoint().toString(),
                "--region", emulator.region());

        assertEquals(DdbBackup.EXIT_OK, run.code(), run.output());
        assertTrue(run.output().contains("[DEBUG]") || run.output().contains(" DEBUG "),
                "DEBUG logging was on: " + run.output());
        assertFalse(run.output().contains(secret), "secret key printed");
        assertFalse(run.output().contains(token), "session token printed");
    }

    /**
     * examples/README.md: Ctrl-C stops taking new tables, the tables taken but still waiting for their permit end
     * SKIPPED, the calls already sent finish (within the 15 s grace), the report is written, the exit code is 130 and
     * the message says how to resume; {@code --resume} then does the rest, each table backed up exactly once. The emulator runs in this JVM, so that the backups of both runs
     * are counted in one place.
     */
    @Test
    void ctrlCExits130WithinTheGraceWithACompleteReportAndResumeBacksUpEachTableOnce() throws Exception {
        int tables = 300;
        DynamoDbEmulator emulator = Cli.emulator(emulators, tables);
        Path report = dir.resolve("report.json");
        Path output = dir.resolve("interrupted.txt");
        // Each CreateBackup is answered 2 s after it arrives, so that calls are in flight at Ctrl-C.
        emulator.faults().random("CreateBackup", 1, Map.of(Fault.latency(Duration.ofSeconds(2)), 1.0));
        // At --rate 10 the 300 tables take 30 s: with 5 done, the job is mid-way, whatever the machine's speed.
        Process job = start(output, Cli.against(emulator, "backup", "--all", "--rate", "10", "--report",
                report.toString()));
        awaitTablesInReport(job, report, 5, output);

        long sentBeforeSignal = emulator.stats().callCount("CreateBackup");
        long signalled = System.nanoTime();
        sendSigint(job);
        boolean exited = job.waitFor(DdbBackup.INTERRUPT_GRACE.plus(EXIT_MARGIN).toMillis(),
                TimeUnit.MILLISECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - signalled);
        String printed = Files.readString(output, StandardCharsets.UTF_8);

        assertTrue(exited, "still running " + took + " after SIGINT: " + printed);
        assertEquals(DdbBackup.EXIT_INTERRUPTED, job.exitValue(), printed);
        assertTrue(printed.contains("run again with --resume " + report.toAbsolutePath()), printed);
        JsonNode json = ReportFile.JSON.readTree(report);
        assertFalse(json.get("finishedAt").isNull(), "the job wrote its final report before the grace ran out");
        Map<String, String> statuses = statusesOf(json);
        Set<String> created = withStatus(statuses, "CREATED");
        assertEquals(created, emulator.stats().backupsByTable().keySet(),
                "each backup made is in the report as CREATED, and no other table has one");
        assertEquals(created.size(), emulator.stats().callCount("CreateBackup"),
                "every CreateBackup sent finished and was reported");
        assertTrue(created.size() >= sentBeforeSignal && created.size() < tables, "created " + created.size()
                + ", CreateBackup calls sent before Ctrl-C " + sentBeforeSignal + ": those must finish");
        Set<String> skipped = withStatus(statuses, "SKIPPED");
        assertFalse(skipped.isEmpty(), "the tables waiting for a permit end SKIPPED: " + json);
        for (JsonNode table : json.get("tables")) {
            if (skipped.contains(table.get("table").asString())) {
                assertEquals(STOPPED, table.get("reason").asString(), table.toString());
            }
        }

        emulator.faults().clearAll();
        Path resumedReport = dir.resolve("resumed.json");
        Run resumed = java(Cli.against(emulator, "backup", "--all", "--resume", report.toString(), "--report",
                resumedReport.toString()));

        assertEquals(DdbBackup.EXIT_OK, resumed.code(), resumed.output());
        assertTrue(resumed.output().contains("; " + created.size() + " tables already backed up are skipped"),
                resumed.output());
        Map<String, Integer> backups = emulator.stats().backupsByTable().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().size()));
        assertEquals(tables, backups.size(), "every table has a backup");
        assertEquals(Set.of(1), Set.copyOf(backups.values()), "and exactly one: " + backups);
        Map<String, String> after = statusesOf(ReportFile.JSON.readTree(resumedReport));
        assertEquals(created, withStatus(after, "SKIPPED"), "the first run's backups are carried over");
        assertEquals(tables - created.size(), withStatus(after, "CREATED").size());
    }

    /**
     * Every entry of {@code report} with its status, checked: CREATED with its backup, FAILED with an error code,
     * SKIPPED with a reason; each table once; the summary's counts match the entries.
     */
    private static Map<String, String> statusesOf(JsonNode report) {
        Map<String, String> statuses = new HashMap<>();
        for (JsonNode table : report.get("tables")) {
            String name = table.get("table").asString();
            String status = table.get("status").asString();
            String detail = switch (status) {
                case "CREATED" -> table.get("backupArn").asString();
                case "FAILED" -> table.get("error").get("code").asString();
                case "SKIPPED" -> table.get("reason").asString();
                default -> throw new AssertionError("status of " + table);
            };
            assertFalse(detail.isBlank(), table.toString());
            assertEquals(null, statuses.put(name, status), "listed twice: " + name);
        }
        JsonNode summary = report.get("summary");
        assertEquals(statuses.size(), summary.get("requested").asInt(), summary.toString());
        for (String status : List.of("CREATED", "FAILED", "SKIPPED")) {
            assertEquals(withStatus(statuses, status).size(), summary.get(status.toLowerCase(Locale.ROOT)).asInt(),
                    summary.toString());
        }
        return statuses;
    }

    private static Set<String> withStatus(Map<String, String> statuses, String status) {
        return statuses.entrySet().stream().filter(entry -> entry.getValue().equals(status))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    /** Polls the report the running job keeps current until it lists {@code count} tables. */
    private static void awaitTablesInReport(Process job, Path report, int count, Path output) throws Exception {
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        while (!Files.exists(report) || ReportFile.JSON.readTree(report).get("tables").size() < count) {
            if (!job.isAlive() || System.nanoTime() > deadline) {
                job.destroyForcibly();
                throw new AssertionError("no report with " + count + " tables: " + Files.readString(output));
            }
            Thread.sleep(50);
        }
    }

    /**
     * Ctrl-C: SIGINT to the job's process ({@link Process#destroy} would send SIGTERM), by the shell's built-in
     * {@code kill} (a {@code kill} program is not on every machine with a JDK).
     */
    private static void sendSigint(Process job) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("sh", "-c", "kill -s INT \"$1\"", "sh", Long.toString(job.pid()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(kill.waitFor(30, TimeUnit.SECONDS), "kill did not return");
        assertEquals(0, kill.exitValue(), "kill -s INT " + job.pid());
    }

    private record Run(int code, String output) {
    }

    private Run java(String... args) throws IOException, InterruptedException {
        return java(List.of(), Map.of(), args);
    }

    private Run java(List<String> jvmOptions, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        Path output = dir.resolve("output.txt");
        Process process = start(output, jvmOptions, environment, args);
        if (!process.waitFor(RUN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("ddb-backup did not finish: " + Files.readString(output));
        }
        return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    /**
     * Starts the jar with stdout and stderr to {@code output}, signing with the emulator's credentials (from the
     * environment, as the AWS default chain reads them) and no other AWS settings of this machine.
     */
    private Process start(Path output, String... args) throws IOException {
        return start(output, List.of(), Map.of(), args);
    }

    /** As {@link #start(Path, String...)}, with JVM options and environment variables that replace its own. */
    private Process start(Path output, List<String> jvmOptions, Map<String, String> extraEnvironment,
                          String... args) throws IOException {
        List<String> command = new ArrayList<>();
        if (sigintIgnoredHere()) {
            // Started in the background of a script, this JVM and its children inherit SIGINT ignored, and a JVM
            // keeps it ignored: the job must get the default disposition to hear Ctrl-C at all.
            command.addAll(List.of("env", "--default-signal=INT"));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("AWS_"));
        environment.put("AWS_ACCESS_KEY_ID", DynamoDbEmulator.DEFAULT_ACCESS_KEY_ID);
        environment.put("AWS_SECRET_ACCESS_KEY", DynamoDbEmulator.DEFAULT_SECRET_ACCESS_KEY);
        environment.putAll(extraEnvironment);
        return builder.start();
    }

    /** Whether this process ignores SIGINT (bit 2 of SigIgn in /proc/self/status; no /proc, no such knowledge). */
    private static boolean sigintIgnoredHere() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return false;
        }
        return Files.readAllLines(status).stream().filter(line -> line.startsWith("SigIgn:"))
                .map(line -> Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16))
                .anyMatch(ignored -> (ignored & (1L << (2 - 1))) != 0);
    }
}
