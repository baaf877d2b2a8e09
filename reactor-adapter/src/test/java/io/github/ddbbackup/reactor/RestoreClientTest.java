package io.github.ddbbackup.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.core.Operation;
import io.github.ddbbackup.core.RestoreRequest;
import io.github.ddbbackup.core.TableNameRequest;
import io.github.ddbbackup.core.error.AmbiguousOutcomeException;
import io.github.ddbbackup.core.error.TableAlreadyExistsException;
import io.github.ddbbackup.core.error.TableNotActiveException;
import io.github.ddbbackup.core.internal.JsonProtocol;
import io.github.ddbbackup.core.internal.WireCodec;
import io.github.ddbbackup.ratelimit.RateLimiter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * What the client does around RestoreTableFromBackup, on virtual time: waiting for ACTIVE with backoff, settling a
 * lost answer with DescribeTable before resending, and holding 50 restores in progress at most.
 */
class RestoreClientTest {

    static final String BACKUP_ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/orders/backup/"
            + "01795264347487-0123abcd";
    static final String OTHER_BACKUP_ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/orders/backup/"
            + "01795264347487-fedcba98";

    @RegisterExtension
    final ScriptedExchange server = new ScriptedExchange();
    @RegisterExtension
    static final VirtualTimeVerifications VERIFICATIONS = new VirtualTimeVerifications();
    VirtualTimeScheduler time;

    VirtualTimeScheduler freshTime() {
        time = VERIFICATIONS.fresh();
        return time;
    }

    DynamoDbBackupClient client(Exchange exchange) {
        if (time == null) {
            freshTime();
        }
        return ScriptedClients.builder(exchange).scheduler(time).wallClock(new VirtualClock(time))
                .rateLimiter(RateLimiter.UNLIMITED).build();
    }

    static String table(String name, String status, String sourceBackupArn) {
        return "{\"TableName\":\"" + name + "\",\"TableStatus\":\"" + status + "\""
                + (sourceBackupArn == null ? "" : ",\"RestoreSummary\":{\"SourceBackupArn\":\"" + sourceBackupArn
                + "\",\"RestoreDateTime\":1795264347,\"RestoreInProgress\":" + !status.equals("ACTIVE") + "}")
                + "}";
    }

    static String described(String name, String status) {
        return "{\"Table\":" + table(name, status, BACKUP_ARN) + "}";
    }

    @Test
    void awaitTableActivePollsWithBackoffUntilActive() {
        server.expect(Operation.DESCRIBE_TABLE).thenError(400, "ResourceNotFoundException")
                .expect(Operation.DESCRIBE_TABLE).thenRespond(200, described("copy", "CREATING"))
                .expect(Operation.DESCRIBE_TABLE).thenRespond(200, described("copy", "ACTIVE"));
        StepVerifier.withVirtualTime(() -> client(server).awaitTableActive("copy", Duration.ofMinutes(5)),
                        this::freshTime, Long.MAX_VALUE)
                .thenAwait(Duration.ofSeconds(10))
                .assertNext(table -> assertTrue(table.isActive()))
                .verifyComplete();
        assertEquals(3, server.sent().size(), "not found yet (eventual consistency), CREATING, ACTIVE");
    }

    @Test
    void awaitTableActiveEndsAtAStatusThatDoesNotLeadToActiveAndAtItsTimeout() {
        server.expect(Operation.DESCRIBE_TABLE).thenRespond(200, described("copy", "DELETING"));
        StepVerifier.withVirtualTime(() -> client(server).awaitTableActive("copy", Duration.ofMinutes(5)),
                        this::freshTime, Long.MAX_VALUE)
                .expectErrorSatisfies(e -> {
                    TableNotActiveException notActive = assertInstanceOf(TableNotActiveException.class, e);
                    assertEquals("DELETING", notActive.status().orElseThrow());
                    assertFalse(notActive.timedOut());
                })
                .verify();

        server.expect(Operation.DESCRIBE_TABLE).upToTimes(20).thenRespond(200, described("copy", "CREATING"));
        StepVerifier.withVirtualTime(() -> client(server).awaitTableActive("copy", Duration.ofMinutes(2)),
                        this::freshTime, Long.MAX_VALUE)
                .thenAwait(Duration.ofMinutes(2))
                .expectErrorSatisfies(e -> {
                    TableNotActiveException notActive = assertInstanceOf(TableNotActiveException.class, e);
                    assertTrue(notActive.timedOut());
                    assertEquals("CREATING", notActive.status().orElseThrow());
                    assertTrue(e.getMessage().contains("not seen ACTIVE within PT2M (last seen CREATING)"),
                            e.getMessage());
                })
                .verify();
    }

    @Test
    void aLostRestoreAnswerIsSettledByDescribeTableWithoutResending() {
        server.expect(Operation.RESTORE_TABLE_FROM_BACKUP).thenLoseConnection(true)
                .expect(Operation.DESCRIBE_TABLE, (TableNameRequest request) -> assertEquals("copy",
                        request.tableName())).thenRespond(200, described("copy", "CREATING"))
                // The restore's place is held until the table is seen ACTIVE.
                .expect(Operation.DESCRIBE_TABLE).upToTimes(5).thenRespond(200, described("copy", "ACTIVE"));
        StepVerifier.withVirtualTime(() -> client(server).restoreTableFromBackup(RestoreRequest.builder("copy",
                        BACKUP_ARN).build()), this::freshTime, Long.MAX_VALUE)
                .assertNext(table -> assertEquals("copy", table.tableName()))
                .verifyComplete();
        assertEquals(1, server.sent().stream().filter(sent -> sent.operation().equals("RestoreTableFromBackup"))
                .count(), "sent once");
    }

    @Test
    void aLostRestoreWithNoTargetIsSentAgainAndAnAnswerLostTwiceStillFindsItsTable() {
        server.expect(Operation.RESTORE_TABLE_FROM_BACKUP).thenLoseConnection(true)
                .expect(Operation.DESCRIBE_TABLE).thenError(400, "ResourceNotFoundException")
                .expect(Operation.RESTORE_TABLE_FROM_BACKUP).thenError(400, "TableAlreadyExistsException")
                .expect(Operation.DESCRIBE_TABLE).thenRespond(200, described("copy", "CREATING"))
                .expect(Operation.DESCRIBE_TABLE).upToTimes(5).thenRespond(200, described("copy", "ACTIVE"));
        StepVerifier.withVirtualTime(() -> client(server).restoreTableFromBackup(RestoreRequest.builder("copy",
                        BACKUP_ARN).build()), this::freshTime, Long.MAX_VALUE)
                .assertNext(table -> assertEquals(BACKUP_ARN, table.restoreSummary().orElseThrow()
                        .sourceBackupArn().orElseThrow()))
                .verifyComplete();
    }

    @Test
    void aTargetRestoredFromAnotherBackupIsNotTakenForTheResult() {
        server.expect(Operation.RESTORE_TABLE_FROM_BACKUP).thenLoseConnection(true)
                .expect(Operation.DESCRIBE_TABLE).thenRespond(200, "{\"Table\":" + table("copy", "ACTIVE",
                        OTHER_BACKUP_ARN) + "}")
                .expect(Operation.RESTORE_TABLE_FROM_BACKUP).thenError(400, "TableAlreadyExistsException")
                .expect(Operation.DESCRIBE_TABLE).thenRespond(200, "{\"Table\":" + table("copy", "ACTIVE",
                        OTHER_BACKUP_ARN) + "}");
        StepVerifier.withVirtualTime(() -> client(server).restoreTableFromBackup(RestoreRequest.builder("copy",
                        BACKUP_ARN).build()), this::freshTime, Long.MAX_VALUE)
                .expectError(TableAlreadyExistsException.class)
                .verify();
    }

    @Test
    void aLostRestoreWhoseLookUpFailsTooStaysAmbiguous() {
        server.expect(Operation.RESTORE_TABLE_FROM_BACKUP).thenLoseConnection(true)
                .expect(Operation.DESCRIBE_TABLE).thenError(400, "AccessDeniedException");
        StepVerifier.withVirtualTime(() -> client(server).restoreTableFromBackup(RestoreRequest.builder("copy",
                        BACKUP_ARN).build()), this::freshTime, Long.MAX_VALUE)
                .expectErrorSatisfies(e -> {
                    AmbiguousOutcomeException ambiguous = assertInstanceOf(AmbiguousOutcomeException.class, e);
                    assertEquals("RestoreTableFromBackup", ambiguous.operation());
                    assertEquals(BACKUP_ARN, ambiguous.backupArn().orElseThrow());
                    assertTrue(e.getMessage().contains("looking for the table with DescribeTable failed too"),
                            e.getMessage());
                })
                .verify();
    }

    /**
     * A transport where every restore is answered CREATING and each table stays CREATING until the test marks it
     * ACTIVE (or every table, present and future, with the key {@code *}); counts the restores sent.
     */
    static Exchange restoringTables(Map<String, String> statuses, AtomicInteger restoresSent) {
        return (headers, body, attempt) -> Mono.fromSupplier(() -> {
            String target = headers.entrySet().stream()
                    .filter(h -> h.getKey().equalsIgnoreCase(JsonProtocol.HEADER_TARGET))
                    .map(h -> h.getValue().get(0)).findFirst().orElseThrow();
            attempt.written();
            String answer;
            if (target.endsWith("RestoreTableFromBackup")) {
                restoresSent.incrementAndGet();
                String name = WireCodec.shared().decodeRequest(RestoreRequest.class, body).targetTableName();
                statuses.put(name, "CREATING");
                answer = "{\"TableDescription\":" + table(name, "CREATING", BACKUP_ARN) + "}";
            } else {
                String name = WireCodec.shared().decodeRequest(TableNameRequest.class, body).tableName();
                answer = described(name, statuses.containsKey("*") ? "ACTIVE" : statuses.get(name));
            }
            return new RawResponse(200, "rid", null, answer.getBytes(StandardCharsets.UTF_8));
        });
    }

    @Test
    void theFiftyFirstRestoreWaitsUntilARestoredTableIsSeenActive() {
        Map<String, String> statuses = new ConcurrentHashMap<>();
        AtomicInteger restoresSent = new AtomicInteger();
        freshTime();
        DynamoDbBackupClient client = client(restoringTables(statuses, restoresSent));
        RestoreSlots slots = ((ReactorNettyBackupClient) client).restoreSlots();

        StepVerifier.withVirtualTime(() -> Flux.range(0, 60).flatMap(i -> client.restoreTableFromBackup(
                        RestoreRequest.builder("copy-" + i, BACKUP_ARN).build()), 60), () -> time, Long.MAX_VALUE)
                .thenAwait(Duration.ofMinutes(1))
                .expectNextCount(50)
                .then(() -> {
                    assertEquals(50, restoresSent.get(), "the 51st waits for a place");
                    assertEquals(50, slots.taken());
                    statuses.replace("copy-0", "ACTIVE");
                    statuses.replace("copy-1", "ACTIVE");
                })
                .thenAwait(Duration.ofMinutes(1))
                .expectNextCount(2)
                .then(() -> {
                    assertEquals(52, restoresSent.get(), "two places freed, two more restores");
                    statuses.put("*", "ACTIVE");
                })
                .thenAwait(Duration.ofMinutes(5))
                .expectNextCount(8)
                .thenAwait(Duration.ofMinutes(5))
                .then(() -> assertEquals(0, slots.taken(), "every place given back once its table was seen ACTIVE"))
                .verifyComplete();
        assertEquals(60, restoresSent.get());
        assertEquals(50, slots.mostTaken());
    }
}
