package io.github.ddbbackup.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report on a shared machine: owner-only, and written through no file or symlink someone else planted. */
class ReportFileTest {

    @TempDir
    Path dir;

    private static Report report(int created) {
        return new Report("2026-12-06T10:00:00Z", null, "http://127.0.0.1:8000", "us-east-1",
                new Report.Summary(created, created, 0, 0, 1.0, 1.0), List.of());
    }

    @Test
    void reportIsReadableAndWritableByItsOwnerOnly() throws IOException {
        Path path = dir.resolve("report.json");
        Files.writeString(path, "an earlier, world-readable report");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));

        new ReportFile(path).writeNow(report(1));

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
        assertEquals(1, ReportFile.read(path).summary().created());
    }

    @Test
    void permissionsAskedForAreTheReportsExactly() throws IOException {
        Path report = dir.resolve("report.json");

        Cli.Result result = Cli.run("backup", "--local", "3", "--report", report.toString(), "--report-permissions",
                "rw-r-----");

        assertEquals(DdbBackup.EXIT_OK, result.code(), result.err());
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(report)));
    }

    @Test
    void badReportPermissionsAreUsageErrors() {
        Cli.Result noReport = Cli.run("backup", "--local", "3", "--report-permissions", "rw-r-----");
        Cli.Result bogus = Cli.run("backup", "--local", "3", "--report", dir.resolve("r.json").toString(),
                "--report-permissions", "0640");
        Cli.Result unwritable = Cli.run("backup", "--local", "3", "--report", dir.resolve("r.json").toString(),
                "--report-permissions", "r--r--r--");

        assertEquals(DdbBackup.EXIT_USAGE, noReport.code());
        assertTrue(noReport.err().contains("--report-permissions applies to the report: give --report FILE too"));
        assertEquals(DdbBackup.EXIT_USAGE, bogus.code());
        assertTrue(bogus.err().contains("--report-permissions: '0640' violates nine characters of rwx-"), bogus.err());
        assertEquals(DdbBackup.EXIT_USAGE, unwritable.code());
        assertTrue(unwritable.err().contains("the owner must read and write it"), unwritable.err());
    }

    @Test
    void symlinkPlantedAtTheOldTemporaryNameIsNeverWrittenThrough() throws IOException {
        Path path = dir.resolve("report.json");
        Path victim = dir.resolve("victim.txt");
        Files.writeString(victim, "precious");
        Files.createSymbolicLink(dir.resolve("report.json.tmp"), victim);

        new ReportFile(path).writeNow(report(2));

        assertEquals("precious", Files.readString(victim, StandardCharsets.UTF_8));
        assertEquals(2, ReportFile.read(path).summary().created());
    }

    @Test
    void everyWriteLeavesOnlyTheReportBehind() throws IOException {
        Path path = dir.resolve("report.json");
        ReportFile file = new ReportFile(path);

        for (int i = 0; i < 20; i++) {
            file.writeNow(report(i));
        }

        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(path), files.toList());
        }
        assertEquals(19, ReportFile.read(path).summary().created());
    }
}
