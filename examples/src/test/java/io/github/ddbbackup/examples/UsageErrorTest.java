package io.github.ddbbackup.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Wrong arguments: exit 2, a message saying what is wrong, one line pointing to the help, and nothing sent: the usage
 * error comes before any request, checked against an emulator that records every request it receives.
 */
@Timeout(60)
class UsageErrorTest {

    private static final String AWS = "https://dynamodb.us-east-1.amazonaws.com";

    @RegisterExtension
    static final CountedEmulator EMULATOR = new CountedEmulator(3);

    /**
     * Every case that names a target at all names the counted emulator (as {@code --endpoint}), so that a request
     * sent in spite of the error would be seen there. The exceptions are about the target itself: none given, the
     * in-process emulator ({@code --local 0}), or an endpoint elsewhere.
     */
    static Stream<Arguments> usageErrors() {
        String local = EMULATOR.get().endpoint().toString();
        return Stream.of(
                Arguments.of(against("backup", "--all", "--colour"), "Unknown option: '--colour'"),
                Arguments.of(against("bakup", "--all"), "Unmatched arguments from index 0: 'bakup'"),
                Arguments.of(new String[] {}, "missing command: give backup, list, prune, restore or drill"),
                Arguments.of(new String[] {"backup", "--all"}, "missing target: give --local N"),
                Arguments.of(new String[] {"list"}, "missing target: give --local N"),
                Arguments.of(new String[] {"backup", "--endpoint", local, "--all"}, "missing region: --endpoint needs"),
                Arguments.of(against("backup", "--local", "3"), "--local runs against the in-process emulator"),
                Arguments.of(against("backup", "--prefix", "t", "--all"),
                        "conflicting table selections --prefix and --all"),
                Arguments.of(against("backup", "--tables", "a", "--tables-file", "f", "--regex", "x"),
                        "conflicting table selections --tables and --tables-file and --regex"),
                Arguments.of(against("backup"), "missing table selection"),
                Arguments.of(new String[] {"backup", "--endpoint", AWS, "--region", "us-east-1", "--all", "--rate",
                        "0"}, "--rate 0 turns CreateBackup rate limiting off, which is only allowed for an endpoint"
                        + " on this machine"),
                Arguments.of(new String[] {"backup", "--region", "us-east-1", "--all", "--rate", "0"},
                        "--rate 0 turns CreateBackup rate limiting off"),
                Arguments.of(new String[] {"backup", "--region", "us-east-1", "--all", "--rate", "51"},
                        "--rate 51 is above DynamoDB's 50 CreateBackup calls per second"),
                Arguments.of(against("backup", "--all", "--rate", "-1"), "--rate: -1.0 violates"),
                Arguments.of(against("backup", "--all", "--rate", "fast"), "Invalid value for option '--rate'"),
                Arguments.of(new String[] {"backup", "--local", "0"}, "--local: 0 violates 1..100000"),
                Arguments.of(against("backup", "--all", "--local-backup-delay", "2s"),
                        "--local-backup-delay applies to the in-process emulator: give --local N too"),
                Arguments.of(new String[] {"backup", "--local", "3", "--local-backup-delay", "PT-1S"},
                        "--local-backup-delay: PT-1S violates 0s..1h"),
                Arguments.of(against("backup", "--all", "--concurrency", "0"), "--concurrency: 0 violates 1..10000"),
                Arguments.of(against("backup", "--regex", "t-("), "--regex: 't-(' violates"),
                Arguments.of(against("backup", "--prefix", ""), "--prefix: '' violates a non-empty prefix"),
                Arguments.of(against("backup", "--regex", ""), "--regex: '' violates a non-empty regular expression"),
                Arguments.of(against("backup", "--tables", "a,,b"), "--tables: 'a,,b'"),
                Arguments.of(against("backup", "--tables-file", "/nonexistent/tables.txt"),
                        "--tables-file: cannot read /nonexistent/tables.txt"),
                Arguments.of(against("backup", "--all", "--resume", "/nonexistent/report.json"),
                        "--resume: /nonexistent/report.json does not exist"),
                Arguments.of(against("backup", "--all", "--name-template", "{table}-{weekday}"),
                        "--name-template:"),
                Arguments.of(new String[] {"backup", "--endpoint", "http://10.1.2.3:8000", "--region", "us-east-1",
                        "--all"}, "--endpoint: 'http://10.1.2.3:8000' is plain http"),
                Arguments.of(against("backup", "--all", "--redis", "redis://127.0.0.1:1", "--redis-account", "prod"),
                        "--redis-account: 'prod' violates a 12-digit AWS account id"),
                Arguments.of(against("prune"), "Missing required option: '--older-than=AGE'"),
                Arguments.of(against("prune", "--older-than", "30x"), "'30x' is not a duration"),
                Arguments.of(against("prune", "--older-than", "30d", "--keep-last", "-1"),
                        "--keep-last: -1 violates 0 or more"),
                Arguments.of(against("list", "--table", "no spaces allowed"), "--table:"));
    }

    @ParameterizedTest
    @MethodSource("usageErrors")
    void exitsTwoWithAMessageAndAPointerToTheHelpAndSendsNothing(String[] args, String message) {
        // No region from this machine's environment or AWS config: only the arguments name one.
        Cli.Result result = Cli.run(Map.of("AWS_CONFIG_FILE", "/nonexistent/aws-config"), args);

        assertEquals(DdbBackup.EXIT_USAGE, result.code(), result.out() + result.err());
        assertTrue(result.err().contains(message), result.err());
        // The error and one line pointing to the help, not the whole help burying it.
        assertFalse(result.err().contains("Usage:"), result.err());
        assertTrue(result.err().strip().endsWith("--help' for more information."), result.err());
        assertEquals(List.of(), EMULATOR.get().stats().requests(), "requests the emulator received");
    }

    /** The check above can fail: the same emulator sees what a valid command sends. */
    @Test
    void theCountedEmulatorSeesAValidCommandsRequests() {
        Cli.Result result = Cli.run(against("list"));

        assertEquals(DdbBackup.EXIT_OK, result.code(), result.err());
        assertTrue(EMULATOR.get().stats().requestCount("ListBackups") >= 1,
                EMULATOR.get().stats().requests().toString());
    }

    /** Refusals the client's builder would word in its own terms (its methods), and this command words in its own. */
    static Stream<Arguments> refusalsInTheCommandsTerms() {
        Map<String, String> none = Map.of();
        Map<String, String> plainHttpVariable = Map.of("AWS_ENDPOINT_URL_DYNAMODB", "http://db.example.com");
        return Stream.of(
                Arguments.of(none, new String[] {"backup", "--endpoint", "http://10.1.2.3:8000", "--region",
                        "us-east-1", "--all"}, "--endpoint: 'http://10.1.2.3:8000' is plain http, which would send"
                        + " the signed requests unencrypted: only an endpoint on this machine (a loopback address) may"
                        + " use http; use https"),
                Arguments.of(none, new String[] {"backup", "--endpoint", "ftp://db.example.com", "--region",
                        "us-east-1", "--all"}, "--endpoint: 'ftp://db.example.com' violates an http(s) URL"),
                Arguments.of(none, new String[] {"backup", "--endpoint", "https://db.example.com/v1", "--region",
                        "us-east-1", "--all"}, "--endpoint: 'https://db.example.com/v1' violates scheme, host and port"
                        + " only"),
                Arguments.of(none, new String[] {"list", "--endpoint", "https://db.example.com/?a=1", "--region",
                        "us-east-1"}, "--endpoint: 'https://db.example.com/?a=1' violates scheme, host and port only"),
                Arguments.of(plainHttpVariable, new String[] {"backup", "--region", "us-east-1", "--all"},
                        "AWS_ENDPOINT_URL_DYNAMODB: 'http://db.example.com' is plain http"),
                Arguments.of(plainHttpVariable, new String[] {"prune", "--region", "us-east-1", "--older-than", "30d"},
                        "AWS_ENDPOINT_URL_DYNAMODB: 'http://db.example.com' is plain http"),
                Arguments.of(none, against("backup", "--all", "--rate", "0.000001"),
                        "--rate: 1.0E-6 violates at least one call per day"),
                Arguments.of(none, against("backup", "--all", "--name-template", "{table}-{weekday}"),
                        "--name-template: \"{table}-{weekday}\" violates placeholders are {table}, {timestamp}, {date};"
                                + " found {weekday}"));
    }

    @ParameterizedTest
    @MethodSource("refusalsInTheCommandsTerms")
    void refusalsNameTheCommandsOptionsNotTheLibrarysMethods(Map<String, String> environment, String[] args,
                                                             String message) {
        Map<String, String> variables = new HashMap<>(environment);
        variables.put("AWS_CONFIG_FILE", "/nonexistent/aws-config");

        Cli.Result result = Cli.run(variables, args);

        assertEquals(DdbBackup.EXIT_USAGE, result.code(), result.out() + result.err());
        assertTrue(result.err().contains(message), result.err());
        // The builder's words: endpointOverride, allowInsecureHttp(true), RateLimit.permitsPerSecond, nameTemplate.
        assertFalse(result.err().matches("(?s).*(endpointOverride|allowInsecure|RateLimit\\.|nameTemplate"
                + "|[a-z][A-Za-z]*\\((true|false|\\.\\.\\.)?\\)).*"), result.err());
        assertEquals(List.of(), EMULATOR.get().stats().requests(), "requests the emulator received");
    }

    private static String[] against(String... args) {
        return Cli.against(EMULATOR.get(), args);
    }

    @Test
    void fileProblemsAreSaidInPlainWordsWithoutJavaNames(@TempDir Path dir) throws IOException {
        Path binary = Files.write(dir.resolve("tables.bin"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, '\n'});
        Path notAReport = Files.writeString(dir.resolve("other.json"), "{\"tables\": 5}");

        Cli.Result emptyName = Cli.run(against("backup", "--tables-file", ""));
        Cli.Result binaryFile = Cli.run(against("backup", "--tables-file", binary.toString()));
        Cli.Result missingFile = Cli.run(against("backup", "--tables-file", dir.resolve("missing.txt").toString()));
        Cli.Result wrongJson = Cli.run(against("backup", "--all", "--resume", notAReport.toString()));

        assertTrue(emptyName.err().contains("--tables-file: '' violates a file name"), emptyName.err());
        assertTrue(binaryFile.err().contains("(not UTF-8 text)"), binaryFile.err());
        assertTrue(missingFile.err().contains("(no such file or directory)"), missingFile.err());
        assertTrue(wrongJson.err().contains("is not a ddb-backup report"), wrongJson.err());
        for (Cli.Result result : List.of(emptyName, binaryFile, missingFile, wrongJson)) {
            assertEquals(DdbBackup.EXIT_USAGE, result.code(), result.err());
            assertFalse(result.err().matches("(?s).*(Exception|java\\.|io\\.github|tools\\.jackson).*"),
                    result.err());
        }
        assertEquals(List.of(), EMULATOR.get().stats().requests(), "requests the emulator received");
    }

    @ParameterizedTest
    @ValueSource(strings = {"backup", "list", "prune"})
    void versionWorksOnEverySubcommand(String subcommand) {
        Cli.Result result = Cli.run(subcommand, "-V");

        assertEquals(DdbBackup.EXIT_OK, result.code(), result.out() + result.err());
        assertEquals(DdbBackup.VERSION, result.out().strip());
    }

    @Test
    void helpPrintsTheUsageAndExitsZero() {
        Cli.Result result = Cli.run("backup", "--help");

        assertEquals(DdbBackup.EXIT_OK, result.code());
        for (String option : new String[] {"--tables", "--tables-file", "--prefix", "--regex", "--all", "--exclude",
                "--local", "--local-backup-delay", "--endpoint", "--region", "--profile", "--name-template", "--rate", "--concurrency",
                "--wait", "--report", "--metrics", "--resume", "--dry-run"}) {
            assertTrue(result.out().contains(option), option + " in " + result.out());
        }
    }
}
