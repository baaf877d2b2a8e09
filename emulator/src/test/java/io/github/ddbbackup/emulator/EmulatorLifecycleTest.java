package io.github.ddbbackup.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.core.BackupDetails;
import io.github.ddbbackup.core.BackupStatus;
import io.github.ddbbackup.core.BackupType;
import io.github.ddbbackup.core.InvalidOptionException;
import io.github.ddbbackup.core.RequestValidationException;
import io.github.ddbbackup.emulator.RawHttp.Signing;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Starting, stopping, configuration, direct set-up and the statistics. */
class EmulatorLifecycleTest {

    /** For the tests that only use a running emulator; those of starting and closing do it themselves. */
    @RegisterExtension
    final DynamoDbEmulatorExtension dynamoDb = DynamoDbEmulatorExtension.onDemand();

    @Test
    void startPicksAFreePortOnLoopbackAndCloseFreesIt() {
        URI endpoint;
        try (DynamoDbEmulator emulator = DynamoDbEmulator.builder().build()) {
            endpoint = emulator.start();
            assertEquals("http", endpoint.getScheme());
            assertEquals("127.0.0.1", endpoint.getHost());
            assertTrue(endpoint.getPort() > 0);
            assertEquals(endpoint, emulator.endpoint());
            assertThrows(IllegalStateException.class, emulator::start);
            assertEquals(200, RawHttp.get(endpoint).status());
        }
        try (DynamoDbEmulator again = DynamoDbEmulator.builder().port(endpoint.getPort()).build()) {
            assertEquals(endpoint, again.start(), "the port was freed by close()");
        }
    }

    @Test
    void endpointBeforeStartIsAnError() {
        try (DynamoDbEmulator emulator = DynamoDbEmulator.builder().build()) {
            assertThrows(IllegalStateException.class, emulator::endpoint);
        }
    }

    @Test
    void theBuilderRefusesInvalidSettingsNamingThem() {
        Map<String, DynamoDbEmulator.Builder> invalid = Map.of(
                "port", DynamoDbEmulator.builder().port(70_000),
                "region", DynamoDbEmulator.builder().region("Mars"),
                "accountId", DynamoDbEmulator.builder().accountId("12345"),
                "accessKeyId", DynamoDbEmulator.builder().credentials(" ", "secret"),
                "secretAccessKey", DynamoDbEmulator.builder().credentials("AKID", ""),
                "sessionToken", DynamoDbEmulator.builder().sessionToken(" "),
                "backupCreationDelay", DynamoDbEmulator.builder().backupCreationDelay(Duration.ofSeconds(-1)),
                "requestLogCapacity", DynamoDbEmulator.builder().requestLogCapacity(-1));
        invalid.forEach((setting, builder) -> {
            InvalidOptionException error = assertThrows(InvalidOptionException.class, builder::build);
            assertEquals(setting, error.option());
            assertTrue(error.getMessage().startsWith(setting + ":"), error.getMessage());
        });
    }

    @Test
    void neitherTheBuilderNorTheEmulatorShowsTheSecretOrTheToken() {
        DynamoDbEmulator.Builder builder = DynamoDbEmulator.builder().credentials("AKIDTEST", "s3cr3t-value")
                .sessionToken("t0ken-value");
        try (DynamoDbEmulator emulator = builder.build()) {
            for (String text : List.of(builder.toString(), emulator.toString())) {
                assertFalse(text.contains("s3cr3t-value"), text);
                assertFalse(text.contains("t0ken-value"), text);
                assertTrue(text.contains("AKIDTEST"), text);
            }
        }
    }

    @Test
    void createTablesPadsIndexesSoThatNameOrderIsIndexOrder() {
        try (DynamoDbEmulator emulator = DynamoDbEmulator.builder().build()) {
            List<String> names = emulator.createTables("table-", 12);
            assertEquals("table-00", names.get(0));
            assertEquals("table-11", names.get(11));
            assertEquals(names.stream().sorted().toList(), names);
            assertEquals(List.of("one-0"), emulator.createTables("one-", 1));
            assertTrue(emulator.hasTable("table-05"));
            assertThrows(IllegalStateException.class, () -> emulator.createTable("table-05"));
            RequestValidationException invalid = assertThrows(RequestValidationException.class,
                    () -> emulator.createTable("a b"));
            assertEquals("TableName", invalid.field());
            assertTrue(emulator.deleteTable("table-05"));
            assertFalse(emulator.hasTable("table-05"));
            assertFalse(emulator.deleteTable("table-05"));
            assertThrows(IllegalArgumentException.class, () -> emulator.setContinuousBackupsAvailable("nope", false));
        }
    }

    @Test
    void backupsByTableShowDuplicatesAndOutliveTheirTable() {
        MutableClock clock = new MutableClock();
        try (DynamoDbEmulator emulator = DynamoDbEmulator.builder().clock(clock)
                .backupCreationDelay(Duration.ofSeconds(5)).build()) {
            emulator.createTables("t-", 2);
            emulator.putBackup("t-0", "nightly", BackupType.USER);
            clock.advance(Duration.ofSeconds(1));
            emulator.putBackup("t-0", "nightly", BackupType.USER);
            emulator.putBackup("t-1", "nightly", BackupType.SYSTEM);
            emulator.deleteTable("t-1");

            Map<String, List<BackupDetails>> byTable = emulator.stats().backupsByTable();
            assertEquals(List.of("t-0", "t-1"), List.copyOf(byTable.keySet()));
            assertEquals(2, emulator.stats().backupCount("t-0"));
            assertEquals(List.of("nightly", "nightly"),
                    byTable.get("t-0").stream().map(BackupDetails::backupName).toList());
            assertEquals(BackupStatus.CREATING, byTable.get("t-0").get(1).backupStatus());
            clock.advance(Duration.ofSeconds(5));
            assertEquals(BackupStatus.AVAILABLE, emulator.stats().backupsByTable().get("t-0").get(1).backupStatus());
            assertEquals(1, emulator.stats().backupCount("t-1"));
            assertEquals(0, emulator.stats().backupCount("t-9"));
        }
    }

    @Test
    void resetForgetsRequestsAndCountsButNotState() {
        // A clock that stands still: the three calls fall into one window however slowly the machine serves them.
        DynamoDbEmulator emulator = dynamoDb.start(settings -> settings.clock(new MutableClock())
                .requestLogCapacity(2));
        URI endpoint = emulator.endpoint();
        emulator.createTable("orders");
        for (int i = 0; i < 3; i++) {
            RawHttp.post(endpoint, "CreateBackup", "{\"TableName\":\"orders\",\"BackupName\":\"b-" + i + "\"}",
                    Signing.as(emulator));
        }
        EmulatorStats stats = emulator.stats();
        assertEquals(2, stats.requests().size(), "the log keeps the last two");
        assertEquals(3, stats.requestCount("CreateBackup"), "counts stay exact");
        assertEquals(3, stats.callCount("CreateBackup"));
        assertEquals(3, stats.maxCallsInAnyWindow("CreateBackup"));
        stats.reset();
        assertEquals(List.of(), stats.requests());
        assertEquals(0, stats.requestCount("CreateBackup"));
        assertEquals(0, stats.callCount("CreateBackup"));
        assertEquals(0, stats.maxCallsInAnyWindow("CreateBackup"));
        assertEquals(3, stats.backupCount("orders"));
    }
}
