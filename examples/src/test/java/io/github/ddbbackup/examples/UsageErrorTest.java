package io.github.ddbbackup.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.emulator.DynamoDbEmulator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Wrong arguments: exit 2, a message saying what is wrong, the usage, and nothing sent to any endpoint. */
@Timeout(60)
class UsageErrorTest {

    private static final String AWS = "https://dynamodb.us-east-1.amazonaws.com";

    private static DynamoDbEmulator emulator;

    @BeforeAll
    static void startEmulator() {
        emulator = Cli.emulator(3);
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    static Stream<Arguments> usageErrors() {
        String local = emulator.endpoint().toString();
        return Stream.of(
                Arguments.of(new String[] {"backup", "--local", "3", "--colour"}, "Unknown option: '--colour'"),
                Arguments.of(new String[] {"bakup", "--local", "3"}, "Unmatched arguments from index 0: 'bakup'"),
                Arguments.of(new String[] {}, "missing command: give backup, list or prune"),
                Arguments.of(new String[] {"backup", "--all"}, "missing target: give --local N"),
                Arguments.of(new String[] {"list"}, "missing target: give --local N"),
                Arguments.of(new String[] {"backup", "--endpoint", local, "--all"}, "--endpoint needs --region"),
                Arguments.of(new String[] {"backup", "--local", "3", "--region", "us-east-1"},
                        "--local runs against the in-process emulator"),
                Arguments.of(new String[] {"backup", "--local", "3", "--prefix", "t", "--all"},
                        "conflicting table selections --prefix and --all"),
                Arguments.of(new String[] {"backup", "--local", "3", "--tables", "a", "--tables-file", "f",
                        "--regex", "x"}, "conflicting table selections --tables and --tables-file and --regex"),
                Arguments.of(new String[] {"backup", "--endpoint", local, "--region", "us-east-1"},
                        "missing table selection"),
                Arguments.of(new String[] {"backup", "--endpoint", AWS, "--region", "us-east-1", "--all", "--rate",
                        "0"}, "--rate 0 turns CreateBackup rate limiting off, which is only allowed for an endpoint"
                        + " on this machine"),
                Arguments.of(new String[] {"backup", "--region", "us-east-1", "--all", "--rate", "0"},
                        "--rate 0 turns CreateBackup rate limiting off"),
                Arguments.of(new String[] {"backup", "--local", "3", "--rate", "-1"}, "--rate: -1.0 violates"),
                Arguments.of(new String[] {"backup", "--local", "3", "--rate", "fast"},
                        "Invalid value for option '--rate'"),
                Arguments.of(new String[] {"backup", "--local", "0"}, "--local: 0 violates 1..100000"),
                Arguments.of(new String[] {"backup", "--local", "3", "--concurrency", "0"},
                        "--concurrency: 0 violates 1..10000"),
                Arguments.of(new String[] {"backup", "--local", "3", "--regex", "t-("}, "--regex: 't-(' violates"),
                Arguments.of(new String[] {"backup", "--local", "3", "--tables", "a,,b"}, "--tables: 'a,,b'"),
                Arguments.of(new String[] {"backup", "--local", "3", "--tables-file", "/nonexistent/tables.txt"},
                        "--tables-file: cannot read /nonexistent/tables.txt"),
                Arguments.of(new String[] {"backup", "--local", "3", "--resume", "/nonexistent/report.json"},
                        "--resume: /nonexistent/report.json does not exist"),
                Arguments.of(new String[] {"backup", "--local", "3", "--name-template", "{table}-{weekday}"},
                        "--name-template:"),
                Arguments.of(new String[] {"backup", "--endpoint", "http://10.1.2.3:8000", "--region", "us-east-1",
                        "--all"}, "http"),
                Arguments.of(new String[] {"prune", "--local", "3"}, "Missing required option: '--older-than=AGE'"),
                Arguments.of(new String[] {"prune", "--local", "3", "--older-than", "30x"},
                        "'30x' is not a duration"),
                Arguments.of(new String[] {"prune", "--local", "3", "--older-than", "30d", "--keep-last", "-1"},
                        "--keep-last: -1 violates 0 or more"),
                Arguments.of(new String[] {"list", "--local", "3", "--table", "no spaces allowed"}, "--table:"));
    }

    @ParameterizedTest
    @MethodSource("usageErrors")
    void exitsTwoWithAMessageAndTheUsage(String[] args, String message) {
        long requestsBefore = emulator.stats().requestCount("CreateBackup")
                + emulator.stats().requestCount("ListTables") + emulator.stats().requestCount("ListBackups");

        Cli.Result result = Cli.run(args);

        assertEquals(DdbBackup.EXIT_USAGE, result.code(), result.out() + result.err());
        assertTrue(result.err().contains(message), result.err());
        assertTrue(result.err().contains("Usage: ddb-backup"), result.err());
        assertEquals(requestsBefore, emulator.stats().requestCount("CreateBackup")
                + emulator.stats().requestCount("ListTables") + emulator.stats().requestCount("ListBackups"));
    }

    @Test
    void helpPrintsTheUsageAndExitsZero() {
        Cli.Result result = Cli.run("backup", "--help");

        assertEquals(DdbBackup.EXIT_OK, result.code());
        for (String option : new String[] {"--tables", "--tables-file", "--prefix", "--regex", "--all", "--exclude",
                "--local", "--endpoint", "--region", "--profile", "--name-template", "--rate", "--concurrency",
                "--wait", "--report", "--resume", "--dry-run"}) {
            assertTrue(result.out().contains(option), option + " in " + result.out());
        }
    }
}
