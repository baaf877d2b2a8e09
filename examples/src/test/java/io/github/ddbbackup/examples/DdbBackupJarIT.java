package io.github.ddbbackup.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.emulator.DynamoDbEmulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The shaded jar, run as a user would: its dependencies and their service files must all be inside, and stdout not
 * being a terminal must give plain lines.
 */
@Timeout(120)
class DdbBackupJarIT {

    private static final Path JAR = Path.of("target", "ddb-backup.jar");

    @TempDir
    Path dir;

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
        assertTrue(run.output().contains("Usage: ddb-backup backup"), run.output());
    }

    @Test
    void debugLoggingNeverPrintsTheSecretKeyOrTheSessionToken() throws Exception {
        String secret = "CanarySecretKey0000000000000000000000000";
        String token = "CanarySessionToken1111111111111111";
        try (DynamoDbEmulator emulator = DynamoDbEmulator.builder().credentials("ASIACANARY0000000000", secret)
                .sessionToken(token).build()) {
            emulator.start();
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
    }

    private record Run(int code, String output) {
    }

    private Run java(String... args) throws IOException, InterruptedException {
        return java(List.of(), Map.of(), args);
    }

    private Run java(List<String> jvmOptions, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Path output = dir.resolve("output.txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("ddb-backup did not finish: " + Files.readString(output));
        }
        return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }
}
