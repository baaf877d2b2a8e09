package io.github.ddbbackup.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.emulator.DynamoDbEmulator;
import io.github.ddbbackup.emulator.DynamoDbEmulatorExtension;
import io.github.ddbbackup.ratelimit.redis.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * {@code backup --redis URL [--redis-instances N] [--redis-account ID]}: the CreateBackup budget shared through a real
 * redis-server, what happens when Redis is unreachable, and the options' validation. The Redis password never shows.
 */
@Timeout(120)
class RedisOptionsTest {

    private static final String PASSWORD = "s3cret-redis-pass";
    private static final int TABLES = 30;

    @TempDir
    Path dir;

    @RegisterExtension
    final DynamoDbEmulatorExtension emulators = DynamoDbEmulatorExtension.onDemand();
    private DynamoDbEmulator emulator;
    private RedisServer redis;

    @AfterEach
    void stop() {
        if (redis != null) {
            redis.close();
        }
    }

    static Stream<Arguments> usageErrors() {
        return Stream.of(
                Arguments.of(List.of("--redis-instances", "3"),
                        "--redis-instances only applies to a shared budget: give --redis URL too"),
                Arguments.of(List.of("--redis-account", "123456789012"),
                        "--redis-account only applies to a shared budget: give --redis URL too"),
                Arguments.of(List.of("--redis", "http://user:" + PASSWORD + "@127.0.0.1:6379"),
                        "--redis: \"http://<redacted>@127.0.0.1:6379\" violates redis://"),
                Arguments.of(List.of("--redis", "rediss://:" + PASSWORD + "@127.0.0.1:6379/notadb"),
                        "--redis: \"rediss://<redacted>@127.0.0.1:6379/notadb\" violates redis://"),
                Arguments.of(List.of("--redis", "redis://:" + PASSWORD + "@"),
                        "--redis: \"redis://<redacted>@\" violates redis://"),
                Arguments.of(List.of("--redis", "redis://:" + PASSWORD + "@127.0.0.1:6379", "--redis-instances", "0"),
                        "--redis-instances: 0 violates 1..1000"),
                Arguments.of(List.of("--redis", "redis://127.0.0.1:6379", "--redis-instances", "many"),
                        "Invalid value for option '--redis-instances': 'many' is not an int"),
                Arguments.of(List.of("--redis", "redis://127.0.0.1:6379", "--redis-account", "12 34"),
                        "--redis-account: '12 34' violates a 12-digit AWS account id such as 123456789012"),
                Arguments.of(List.of("--redis", "redis://127.0.0.1:6379", "--rate", "0"),
                        "--redis shares the CreateBackup budget with other jobs, and --rate 0 turns it off"));
    }

    @ParameterizedTest
    @MethodSource("usageErrors")
    void badRedisOptionsAreUsageErrorsNamingOptionValueAndRuleNeverThePassword(List<String> options, String message) {
        String[] args = Stream.concat(Stream.of("backup", "--local", "3"), options.stream()).toArray(String[]::new);

        Cli.Result result = Cli.run(args);

        assertEquals(DdbBackup.EXIT_USAGE, result.code(), result.out() + result.err());
        assertTrue(result.err().contains(message), result.err());
        assertFalse((result.out() + result.err()).contains(PASSWORD), result.err());
    }

    @Test
    void helpDescribesTheRedisOptions() {
        Cli.Result result = Cli.run("backup", "--help");

        for (String option : List.of("--redis=URL", "--redis-instances=N", "--redis-account=ID")) {
            assertTrue(result.out().contains(option), option + " in " + result.out());
        }
    }

    @Test
    void aJobWithRedisTakesItsPermitsFromTheSharedBudgetAndNeverPrintsThePassword() throws Exception {
        redis = RedisServer.start();
        redis.redis(commands -> commands.configSet("requirepass", PASSWORD));
        emulator = Cli.emulator(emulators, TABLES);
        Path report = dir.resolve("report.json");
        String uri = "redis://:" + PASSWORD + "@127.0.0.1:" + redis.port();

        Cli.Result result = Cli.run(Cli.against(emulator, "backup", "--all", "--redis", uri, "--redis-account",
                "123456789012", "--report", report.toString()));

        assertEquals(DdbBackup.EXIT_OK, result.code(), result.out() + result.err());
        assertTrue(result.out().contains("(budget shared through Redis at redis://127.0.0.1:" + redis.port()
                + "/0, tables fail while Redis is unreachable)"), result.out());
        String reportText = Files.readString(report);
        for (String printed : List.of(result.out(), result.err(), reportText)) {
            assertFalse(printed.contains(PASSWORD), printed);
        }
        assertEquals(TABLES, read(report).get("summary").get("created").asInt());
        assertEquals(TABLES, emulator.stats().callCount("CreateBackup"));
        assertEquals(0, emulator.stats().limitExceededCount("CreateBackup"));
        List<String> buckets = withPassword(uri, "ddb-backup:rate-limit:*");
        assertTrue(buckets.contains("ddb-backup:rate-limit:us-east-1:123456789012:CreateBackup"),
                "the job's permits came from the account's bucket in Redis: " + buckets);
        assertTrue(buckets.contains("ddb-backup:rate-limit:us-east-1:123456789012:CreateBackup:wire"),
                "and each request was counted in its wire log: " + buckets);
        assertTrue(buckets.stream().allMatch(key -> key.contains(":123456789012:")),
                "every budget and wire log is the account's: " + buckets);
    }

    @Test
    void withRedisUnreachableAndNoInstancesEveryTableFailsNamingRedisAndNothingIsCalled() throws Exception {
        try (RedisServer nowhere = RedisServer.reserve()) {
            Path report = dir.resolve("report.json");

            Cli.Result result = backUpWithRedisAt(nowhere, report);

            assertEquals(DdbBackup.EXIT_FAILED, result.code(), result.out() + result.err());
            JsonNode json = read(report);
            assertEquals(TABLES, json.get("summary").get("failed").asInt());
            for (JsonNode table : json.get("tables")) {
                assertEquals("FAILED", table.get("status").asString());
                assertEquals("RedisUnavailable", table.get("error").get("code").asString());
                String message = table.get("error").get("message").asString();
                assertTrue(message.startsWith("no CreateBackup permit from the budget shared through Redis at redis://"
                        + "127.0.0.1:" + nowhere.port() + "/0: ")
                        && message.endsWith("; without --redis-instances no call is made without the budget's"
                        + " consent"), message);
                assertFalse(message.contains("RedisFailurePolicy"), "the library's words: " + message);
            }
            assertEquals(0, emulator.stats().requestCount("CreateBackup"), "no call without the budget's consent");
        }
    }

    @Test
    void withRedisUnreachableAndInstancesTheTablesAreBackedUpOnTheLocalShare() throws Exception {
        try (RedisServer nowhere = RedisServer.reserve()) {
            Path report = dir.resolve("report.json");

            Cli.Result result = backUpWithRedisAt(nowhere, report, "--redis-instances", "2");

            assertEquals(DdbBackup.EXIT_OK, result.code(), result.out() + result.err());
            assertTrue(result.out().contains("1/2 of it while Redis is unreachable"), result.out());
            JsonNode summary = read(report).get("summary");
            assertEquals(TABLES, summary.get("created").asInt());
            assertEquals(TABLES, emulator.stats().callCount("CreateBackup"));
            assertEquals(TABLES + emulator.stats().limitExceededCount("CreateBackup"),
                    emulator.stats().requestCount("CreateBackup"), "every LimitExceededException retried");
            // floor(50 / 2) = 25 per 1.005 s or more on the local share (the margin is at least 5 ms): its permits are
            // at least 40.2 ms apart, so the job's 30 calls
            // take at least 29 of those (at the full 50 per second they would take half that). How many of them the
            // emulator reads in one second also depends on how late a busy machine delivers each (27 seen), so it is
            // not asserted; the local share's exact pace is RedisRateLimiterTest's and the reactor module's business.
            double least = (TABLES - 1) * 1.005 / 25;
            assertTrue(summary.get("elapsedSeconds").asDouble() >= least,
                    "the job took " + summary.get("elapsedSeconds") + " s; the local share allows no less than " + least);
        }
    }

    /** Backs up the {@link #TABLES} tables of a new emulator with {@code --redis} at {@code redis}, and options. */
    private Cli.Result backUpWithRedisAt(RedisServer redis, Path report, String... options) {
        emulator = Cli.emulator(emulators, TABLES);
        String[] args = Stream.concat(Stream.of("backup", "--all", "--redis", redis.uri(), "--report",
                report.toString()), Stream.of(options)).toArray(String[]::new);
        return Cli.run(Cli.against(emulator, args));
    }

    /** The keys matching {@code pattern}, read with the password (the test's inspector has none). */
    private static List<String> withPassword(String uri, String pattern) {
        RedisClient client = RedisClient.create();
        try (StatefulRedisConnection<String, String> connection = client.connect(RedisURI.create(uri))) {
            return connection.sync().keys(pattern);
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(5));
        }
    }

    private static JsonNode read(Path report) {
        return ReportFile.JSON.readTree(report);
    }
}
