package io.github.ddbbackup.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    private record Run(int code, String output) {
    }

    private Run java(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Path output = dir.resolve("output.txt");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("ddb-backup did not finish: " + Files.readString(output));
        }
        return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }
}
