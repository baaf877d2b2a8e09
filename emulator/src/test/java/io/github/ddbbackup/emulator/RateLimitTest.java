package io.github.ddbbackup.emulator;

import static io.github.ddbbackup.emulator.SdkClients.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.core.InvalidOptionException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.LimitExceededException;

/** The sliding 1-second window, on an injected clock: nothing sleeps, nothing depends on wall-clock time. */
class RateLimitTest extends WithSdkHttpClient {

    private final MutableClock clock = new MutableClock();
    /** The emulators of the tests that send requests, on {@link #clock}. */
    @RegisterExtension
    final DynamoDbEmulatorExtension dynamoDb = DynamoDbEmulatorExtension.onDemand(settings -> settings.clock(clock));

    @Test
    void sixtyCreateBackupCallsInOneSecondGetExactlyTenLimitExceededAndTheNextSecondIsFreeAndAllSixtyCountAsArrivals() {
        DynamoDbEmulator emulator = dynamoDb.start();
        emulator.createTables("t-", 60);
        try (DynamoDbAsyncClient client = SdkClients.client(emulator, http)) {
            Map<Integer, Throwable> failures = new TreeMap<>();
            for (int i = 0; i < 60; i++) {
                String table = String.format("t-%02d", i);
                try {
                    client.createBackup(b -> b.tableName(table).backupName("backup-1"))
                            .get(SdkClients.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    failures.put(i, e.getCause());
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                // All 60 within one second: 0, 15, 30, ... 885 ms after the first.
                clock.advance(Duration.ofMillis(15));
            }
            // The rejected ones are the last ten: the first 50 fill the window.
            assertEquals(List.of(50, 51, 52, 53, 54, 55, 56, 57, 58, 59), List.copyOf(failures.keySet()),
                    () -> "calls that failed: " + failures + "; " + seenBy(emulator));
            failures.values().forEach(failure -> assertInstanceOf(LimitExceededException.class, failure,
                    () -> failure + ", caused by " + failure.getCause() + "; " + seenBy(emulator)));
            assertEquals(50, emulator.stats().backupsByTable().size());

            clock.advance(Duration.ofSeconds(1));
            await(client.createBackup(b -> b.tableName("t-59").backupName("backup-1")));
            assertEquals(51, emulator.stats().backupsByTable().size());
        }
        EmulatorStats stats = emulator.stats();
        assertEquals(61, stats.requestCount("CreateBackup"));
        assertEquals(51, stats.callCount("CreateBackup"));
        assertEquals(10, stats.limitExceededCount("CreateBackup"));
        assertEquals(50, stats.maxCallsInAnyWindow("CreateBackup"));
        assertEquals(60, stats.maxRequestsInAnyWindow("CreateBackup"), "arrivals count the refused ones too");
        assertEquals(10, stats.requests("CreateBackup").stream()
                .filter(r -> r.errorCode().equals(Optional.of("LimitExceededException"))).count());
    }

    /**
     * What the emulator made of the CreateBackup requests, for a failure message: whether a call the client saw fail
     * arrived at all, and what it was answered (status 0: the connection was closed without an answer).
     */
    static String seenBy(DynamoDbEmulator emulator) {
        return "the emulator received " + emulator.stats().requestCount("CreateBackup") + " CreateBackup requests, "
                + "answered (status: count) " + emulator.stats().requests("CreateBackup").stream()
                .collect(Collectors.groupingBy(ReceivedRequest::status, TreeMap::new, Collectors.counting()));
    }

    @Test
    void theWindowIsHalfOpenACallAtTCountsCallsAfterTMinusOneSecond() {
        MutableClock clock = new MutableClock();
        Instant start = clock.instant();
        EmulatorStats stats = new EmulatorStats(0, null, clock);
        CallAdmission admission = new CallAdmission(EmulatorRateLimits.NONE.with("ListBackups", 2), stats, clock);

        List<String> outcomes = new ArrayList<>();
        for (long millis : new long[] {0, 500, 999, 1000, 1000, 1499, 1500, 2500}) {
            clock.advance(Duration.between(clock.instant(), start.plusMillis(millis)));
            try {
                admission.admit("ListBackups");
                outcomes.add(millis + ":ok");
            } catch (ServiceError error) {
                assertEquals("LimitExceededException", error.code());
                assertEquals(400, error.status());
                outcomes.add(millis + ":limited");
            }
        }
        // At 1000 the call at 0 has left the window (1000 - 1 s = 0 is excluded), the one at 500 has not.
        assertEquals(List.of("0:ok", "500:ok", "999:limited", "1000:ok", "1000:limited", "1499:limited",
                "1500:ok", "2500:ok"), outcomes);
        assertEquals(5, stats.callCount("ListBackups"));
        assertEquals(3, stats.limitExceededCount("ListBackups"));
        assertEquals(2, stats.maxCallsInAnyWindow("ListBackups"));
    }

    @Test
    void unlimitedOperationsAreCountedAndTheirBusiestWindowIsMeasured() {
        MutableClock clock = new MutableClock();
        EmulatorStats stats = new EmulatorStats(0, null, clock);
        CallAdmission admission = new CallAdmission(EmulatorRateLimits.DEFAULT, stats, clock);
        for (int i = 0; i < 30; i++) {
            admission.admit("ListTables");
            clock.advance(Duration.ofMillis(100));
        }
        assertEquals(30, stats.callCount("ListTables"));
        assertEquals(0, stats.limitExceededCount("ListTables"));
        // Calls every 100 ms: a window (t - 1 s, t] holds 10 of them.
        assertEquals(10, stats.maxCallsInAnyWindow("ListTables"));
    }

    @Test
    void documentedLimitsAreTheApiReferencesAndVariantsAreImmutable() {
        EmulatorRateLimits documented = EmulatorRateLimits.DEFAULT;
        assertEquals(Map.of("CreateBackup", 50, "DescribeBackup", 10, "DeleteBackup", 10,
                "DescribeContinuousBackups", 10, "ListBackups", 5), documented.asMap());
        for (String unlimited : List.of("ListTables", "CreateTable", "DeleteTable", "DescribeTable")) {
            assertEquals(OptionalInt.empty(), documented.limit(unlimited), unlimited);
        }
        EmulatorRateLimits faster = documented.with("CreateBackup", 500).without("ListBackups");
        assertEquals(OptionalInt.of(500), faster.limit("CreateBackup"));
        assertEquals(OptionalInt.empty(), faster.limit("ListBackups"));
        assertEquals(OptionalInt.of(50), documented.limit("CreateBackup"));
        assertTrue(EmulatorRateLimits.NONE.asMap().isEmpty());
        InvalidOptionException zero = assertThrows(InvalidOptionException.class,
                () -> documented.with("CreateBackup", 0));
        assertEquals("EmulatorRateLimits.callsPerSecond", zero.option());
        assertTrue(zero.getMessage().contains(": 0 violates at least 1 for CreateBackup"), zero.getMessage());
    }

    @Test
    void withoutLimitsABurstIsNeverRefused() {
        DynamoDbEmulator emulator = dynamoDb.start(settings -> settings.rateLimits(EmulatorRateLimits.NONE));
        emulator.createTable("orders");
        try (DynamoDbAsyncClient client = SdkClients.client(emulator, http)) {
            for (int i = 0; i < 60; i++) {
                String name = "backup-" + i;
                await(client.createBackup(b -> b.tableName("orders").backupName(name)));
            }
        }
        assertEquals(60, emulator.stats().backupCount("orders"));
        assertEquals(60, emulator.stats().maxCallsInAnyWindow("CreateBackup"));
    }
}
