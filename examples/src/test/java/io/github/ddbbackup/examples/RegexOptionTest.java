package io.github.ddbbackup.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code --regex} and {@code --exclude}: RE2, capped in length, refused before anything is sent. */
class RegexOptionTest {

    @Test
    void overlongRegexIsAUsageErrorNamingTheOptionAndTheCap() {
        Cli.Result result = Cli.run("backup", "--local", "3", "--regex", "a".repeat(2000));

        assertEquals(DdbBackup.EXIT_USAGE, result.code());
        assertTrue(result.err().contains("--regex: '" + "a".repeat(64) + "...' (2000 characters) violates at most 1024"
                + " characters"), result.err());
    }

    @Test
    void lookaroundIsAUsageErrorNamingRe2() {
        Cli.Result result = Cli.run("backup", "--local", "3", "--all", "--exclude", "(?!tmp).*");

        assertEquals(DdbBackup.EXIT_USAGE, result.code());
        assertTrue(result.err().contains("--exclude: '(?!tmp).*' violates a regular expression (RE2 syntax: "),
                result.err());
    }

    @Test
    void backtrackingPatternSelectsAsJavasWouldHave() {
        Cli.Result result = Cli.run("backup", "--local", "12", "--regex", "(.*1){1}", "--dry-run");

        assertEquals(DdbBackup.EXIT_OK, result.code(), result.err());
        // table-000 .. table-011, whole names ending in 1.
        assertTrue(result.out().contains("  table-001: dry run") && result.out().contains("  table-011: dry run")
                && result.out().contains("backup: 2 tables in "), result.out());
    }
}
