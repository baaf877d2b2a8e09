package io.github.ddbbackup.ratelimit.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.ddbbackup.emulator.DynamoDbEmulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Three separate JVMs, each running the bulk job ({@link SharedBudgetBulkJob}) on its own third of 600 tables, share
 * one budget through Redis against one emulator enforcing 50 CreateBackup calls per second. The job is this module's
 * test-scope stand-in for {@code ddb-backup backup --redis URL}, which the CLI does not have yet.
 */
class MultiProcessSharedBudgetTest {

    private static final int PROCESSES = 3;
    private static final int TABLES = 600;
    private static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(120);

    @Test
    void threeJvmsRunningTheBulkJobShareOneBudgetOfFiftyPerSecond() throws Exception {
        try (RedisServer redis = RedisServer.start();
             DynamoDbEmulator emulator = DynamoDbEmulator.builder().build()) {
            emulator.start();
            List<String> tables = emulator.createTables("t-", TABLES);
            String prefix = "test-" + UUID.randomUUID() + ":";
            Path logs = Files.createDirectories(Path.of("target", "multi-process"));

            List<Process> jobs = new ArrayList<>();
            List<Path> outputs = new ArrayList<>();
            try {
                int share = TABLES / PROCESSES;
                for (int i = 0; i < PROCESSES; i++) {
                    String run = "job-" + i + "-" + prefix.substring(5, 13);
                    Path tablesFile = Files.write(logs.resolve(run + ".tables"),
                            tables.subList(i * share, (i + 1) * share));
                    Path output = logs.resolve(run + ".log");
                    outputs.add(output);
                    // Small heap, serial GC and C1 only: three JVMs must start and run beside this one on two cores.
                    jobs.add(new ProcessBuilder(javaExecutable(), "-Xmx256m", "-XX:+UseSerialGC",
                            "-XX:TieredStopAtLevel=1", "-cp",
                            System.getProperty("java.class.path"), SharedBudgetBulkJob.class.getName(),
                            emulator.endpoint().toString(), redis.uri(), prefix, tablesFile.toString())
                            .redirectErrorStream(true)
                            .redirectOutput(output.toFile())
                            .start());
                }
                for (int i = 0; i < PROCESSES; i++) {
                    if (!jobs.get(i).waitFor(PROCESS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                        fail("job " + i + " did not finish within " + PROCESS_TIMEOUT + "; its output: "
                                + Files.readString(outputs.get(i)));
                    }
                }
            } finally {
                jobs.forEach(Process::destroyForcibly);
            }

            for (int i = 0; i < PROCESSES; i++) {
                String output = Files.readString(outputs.get(i));
                assertEquals(0, jobs.get(i).exitValue(), "job " + i + " exit code; its output: " + output);
                assertTrue(output.contains("outcomes created=" + TABLES / PROCESSES + " failed=0 skipped=0"), output);
                assertTrue(output.contains("fallbackGrants=0, redisFailures=0"), output);
            }
            SharedBudgetAssertions.assertOneBudgetOfFiftyPerSecond(emulator, TABLES);
        }
    }

    private static String javaExecutable() throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        if (!Files.isExecutable(java)) {
            throw new IOException("no java executable at " + java);
        }
        return java.toString();
    }
}
