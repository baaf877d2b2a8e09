package io.github.ddbbackup.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.core.BackupStatus;
import io.github.ddbbackup.core.BackupTypeFilter;
import io.github.ddbbackup.core.Operation;
import io.github.ddbbackup.core.error.BackupNotAvailableException;
import io.github.ddbbackup.ratelimit.RateLimiter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * {@code backupAll} with a plan that waits, against a scripted transport on virtual time: the job's backups are
 * confirmed by one watcher paging ListBackups, and every way a wait can end.
 */
class AvailabilityWatcherTest {

    static final List<String> TABLES = List.of("orders", "users", "events");
    /** DynamoDB's creation time of every backup of these tests (CreateBackup's answer). */
    static final Instant CREATED_AT = Instant.parse("2026-11-20T11:59:59.500Z");

    @RegisterExtension
    final ScriptedExchange server = new ScriptedExchange();
    VirtualTimeScheduler time;

    @RegisterExtension
    static final VirtualTimeVerifications VERIFICATIONS = new VirtualTimeVerifications();

    /** One clock per verification, which {@link #time} then names for the client being built. */
    VirtualTimeScheduler freshTime() {
        time = VERIFICATIONS.fresh();
        return time;
    }

    DynamoDbBackupClient client(RetryPolicy retry) {
        return ScriptedClients.builder(server).scheduler(time).wallClock(new VirtualClock(time))
                .rateLimiter(RateLimiter.UNLIMITED).retryPolicy(retry).build();
    }

    /** Waits, one table in flight at a time: a table waiting for AVAILABLE must not hold that one slot. */
    BackupPlan waiting(Duration timeout) {
        return BackupPlan.builder().concurrency(1).waitForAvailable(true).availableTimeout(timeout)
                .clock(new VirtualClock(time)).build();
    }

    Flux<BackupOutcome> backUpAll(Duration timeout) {
        return client(RetryPolicy.DEFAULT).backupAll(Flux.fromIterable(TABLES), waiting(timeout));
    }

    static String arn(String table) {
        return "arn:aws:dynamodb:us-east-1:123456789012:table/" + table + "/backup/01795264347487-"
                + String.format("%08x", table.hashCode());
    }

    static String created(String table) {
        return "{\"BackupDetails\":{\"BackupArn\":\"" + arn(table) + "\",\"BackupName\":\"" + table + "-1\","
                + "\"BackupStatus\":\"CREATING\",\"BackupType\":\"USER\",\"BackupCreationDateTime\":"
                + CREATED_AT.getEpochSecond() + ".5}}";
    }

    static String summary(String table, String status) {
        return "{\"TableName\":\"" + table + "\",\"BackupArn\":\"" + arn(table) + "\",\"BackupName\":\"" + table
                + "-1\",\"BackupStatus\":\"" + status + "\",\"BackupType\":\"USER\",\"BackupCreationDateTime\":"
                + CREATED_AT.getEpochSecond() + ".5,\"BackupSizeBytes\":42}";
    }

    static String page(String lastEvaluated, String... summaries) {
        return "{\"BackupSummaries\":[" + String.join(",", summaries) + "]"
                + (lastEvaluated == null ? "" : ",\"LastEvaluatedBackupArn\":\"" + lastEvaluated + "\"") + "}";
    }

    static String describe(String table, String status) {
        return "{\"BackupDescription\":{\"BackupDetails\":{\"BackupArn\":\"" + arn(table) + "\",\"BackupName\":\""
                + table + "-1\",\"BackupStatus\":\"" + status + "\",\"BackupType\":\"USER\","
                + "\"BackupCreationDateTime\":" + CREATED_AT.getEpochSecond() + "}}}";
    }

    /** Every table's CreateBackup, in order, answered CREATING. */
    void expectCreates() {
        for (String table : TABLES) {
            server.expect(Operation.CREATE_BACKUP, request -> assertEquals(table, request.tableName()))
                    .thenRespond(200, created(table));
        }
    }

    List<String> operations() {
        return server.sent().stream().map(ScriptedExchange.Sent::operation).toList();
    }

    static Map<String, BackupOutcome> byTable(List<BackupOutcome> outcomes) {
        return outcomes.stream().collect(Collectors.toMap(BackupOutcome::table, Function.identity()));
    }

    @Test
    void pagedListingConfirmsEveryBackupWhileNoWaitHoldsACreateBackupSlot() {
        expectCreates();
        server.expect(Operation.LIST_BACKUPS, request -> {
                    assertNull(request.tableName(), "no table filter when several tables are watched");
                    assertEquals(BackupTypeFilter.USER, request.backupType());
                    assertEquals(100, request.limit());
                    assertEquals(CREATED_AT.minus(AvailabilityWatcher.LOOK_BACK), request.timeRangeLowerBound());
                    assertNull(request.exclusiveStartBackupArn());
                })
                .thenRespond(200, page(arn("users"), summary("orders", "AVAILABLE"), summary("users", "AVAILABLE")))
                .expect(Operation.LIST_BACKUPS, request -> {
                    assertEquals(arn("users"), request.exclusiveStartBackupArn());
                    assertEquals(CREATED_AT.minus(AvailabilityWatcher.LOOK_BACK), request.timeRangeLowerBound());
                })
                .thenRespond(200, page(null, summary("events", "AVAILABLE")));
        StepVerifier.withVirtualTime(() -> backUpAll(Duration.ofMinutes(10)), this::freshTime, Long.MAX_VALUE)
                .expectSubscription()
                .then(() -> assertEquals(List.of("CreateBackup", "CreateBackup", "CreateBackup"), operations(),
                        "with one slot, all three created before any is confirmed"))
                .expectNoEvent(AvailabilityWatcher.PAUSE_FIRST.minusNanos(1))
                .then(() -> assertEquals(3, server.sent().size(), "the first look waits for backups to be made"))
                .thenAwait(Duration.ofNanos(1))
                .recordWith(ArrayList::new)
                .expectNextCount(3)
                .consumeRecordedWith(outcomes -> {
                    for (BackupOutcome outcome : outcomes) {
                        assertEquals(BackupOutcome.Status.CREATED, outcome.status(), outcome::toString);
                        assertEquals(BackupStatus.AVAILABLE, outcome.details().orElseThrow().backupStatus());
                        assertEquals(42L, outcome.details().orElseThrow().backupSizeBytes().orElseThrow());
                        assertEquals(VirtualClock.START, outcome.createdAt().orElseThrow());
                        assertEquals(VirtualClock.START.plus(AvailabilityWatcher.PAUSE_FIRST),
                                outcome.availableAt().orElseThrow());
                    }
                })
                .verifyComplete();
        assertEquals(List.of("CreateBackup", "CreateBackup", "CreateBackup", "ListBackups", "ListBackups"),
                operations(), "two pages confirm three backups; no DescribeBackup; nothing after the last");
    }

    @Test
    void backupThatGoesDeletedFailsWithThatReasonAndKeepsItsArn() {
        expectCreates();
        server.expect(Operation.LIST_BACKUPS).thenRespond(200, page(null, summary("orders", "AVAILABLE"),
                summary("users", "DELETED"), summary("events", "AVAILABLE")));
        StepVerifier.withVirtualTime(() -> backUpAll(Duration.ofMinutes(10)), this::freshTime, Long.MAX_VALUE)
                .thenAwait(AvailabilityWatcher.PAUSE_FIRST)
                .recordWith(ArrayList::new)
                .expectNextCount(3)
                .consumeRecordedWith(list -> {
                    Map<String, BackupOutcome> outcomes = byTable(new ArrayList<>(list));
                    assertEquals(BackupOutcome.Status.CREATED, outcomes.get("orders").status());
                    assertEquals(BackupOutcome.Status.CREATED, outcomes.get("events").status());
                    BackupOutcome users = outcomes.get("users");
                    assertEquals(BackupOutcome.Status.FAILED, users.status());
                    BackupNotAvailableException why = assertInstanceOf(BackupNotAvailableException.class,
                            users.error().orElseThrow());
                    assertEquals(BackupNotAvailableException.Reason.DELETED, why.reason());
                    assertEquals("backup " + arn("users") + " is DELETED and will not become AVAILABLE",
                            why.getMessage());
                    assertEquals(arn("users"), users.details().orElseThrow().backupArn());
                    assertTrue(users.availableAt().isEmpty());
                })
                .verifyComplete();
        assertEquals(4, server.sent().size());
    }

    @Test
    void backupNeverSeenFailsAtThePlansTimeoutSayingItExistsWithItsArn() {
        expectCreates();
        // Looks at 0.25, 0.5 and 1 s (pauses doubling from 0.25 s), then every 2 s up to 28 s: 17; the look due at
        // 30 s comes after the timeouts set at the start, which end the job.
        server.expect(Operation.LIST_BACKUPS).times(17).thenRespond(200, page(null));
        StepVerifier.withVirtualTime(() -> backUpAll(Duration.ofSeconds(30)), this::freshTime, Long.MAX_VALUE)
                .expectSubscription()
                .expectNoEvent(Duration.ofSeconds(30).minusNanos(1))
                .then(() -> assertEquals(3 + 17, server.sent().size(), "paused looks, doubling up to 2 s"))
                .thenAwait(Duration.ofNanos(1))
                .recordWith(ArrayList::new)
                .expectNextCount(3)
                .consumeRecordedWith(outcomes -> {
                    for (BackupOutcome outcome : outcomes) {
                        assertEquals(BackupOutcome.Status.FAILED, outcome.status());
                        BackupNotAvailableException why = assertInstanceOf(BackupNotAvailableException.class,
                                outcome.error().orElseThrow());
                        assertEquals(BackupNotAvailableException.Reason.NOT_CONFIRMED_IN_TIME, why.reason());
                        assertTrue(why.backupExists());
                        assertEquals("backup " + arn(outcome.table()) + " exists (CreateBackup created it) but was"
                                + " not seen AVAILABLE within PT30S (not seen since it was created); do not back the"
                                + " table up again: the backup may still become AVAILABLE", why.getMessage());
                        assertEquals(arn(outcome.table()), outcome.details().orElseThrow().backupArn());
                    }
                })
                .verifyComplete();
        assertEquals(3 + 17, server.sent().size(), "the watcher stopped when nothing was left");
    }

    @Test
    void listBackupsThrottledPastItsRetriesIsLookedAtAgainAfterAPauseAndConfirms() {
        expectCreates();
        RetryPolicy twoAttempts = new RetryPolicy(2, Duration.ofMillis(50), Duration.ofSeconds(1));
        server.expect(Operation.LIST_BACKUPS).times(2).thenError(400, "LimitExceededException")
                .expect(Operation.LIST_BACKUPS).thenRespond(200, page(null, summary("orders", "AVAILABLE"),
                        summary("users", "AVAILABLE"), summary("events", "AVAILABLE")));
        StepVerifier.withVirtualTime(() -> client(twoAttempts).backupAll(Flux.fromIterable(TABLES),
                        waiting(Duration.ofMinutes(10))), this::freshTime, Long.MAX_VALUE)
                // The first look at 0.25 s, its one retry within 0.1 s after, the next look 0.25 s after that.
                .thenAwait(AvailabilityWatcher.PAUSE_FIRST.plusMillis(150))
                .then(() -> assertEquals(3 + 2, server.sent().size(), "the throttled look retried once, then gave up"))
                .thenAwait(Duration.ofSeconds(1))
                .recordWith(ArrayList::new)
                .expectNextCount(3)
                .consumeRecordedWith(outcomes -> outcomes.forEach(outcome ->
                        assertEquals(BackupStatus.AVAILABLE, outcome.details().orElseThrow().backupStatus())))
                .verifyComplete();
        assertEquals(6, server.sent().size());
    }

    @Test
    void backupThatVanishesFromTheListingIsAskedAboutBeforeItIsCalledLost() {
        expectCreates();
        server.expect(Operation.LIST_BACKUPS).thenRespond(200, page(null, summary("orders", "CREATING"),
                        summary("users", "CREATING"), summary("events", "CREATING")))
                .expect(Operation.LIST_BACKUPS).thenRespond(200, page(null, summary("orders", "CREATING"),
                        summary("users", "AVAILABLE")))
                .expect(Operation.DESCRIBE_BACKUP, request -> assertEquals(arn("events"), request.backupArn()))
                .thenError(400, "BackupNotFoundException")
                .expect(Operation.DESCRIBE_BACKUP, request -> assertEquals(arn("orders"), request.backupArn()))
                .thenRespond(200, describe("orders", "AVAILABLE"));
        StepVerifier.withVirtualTime(() -> backUpAll(Duration.ofMinutes(10)), this::freshTime, Long.MAX_VALUE)
                .thenAwait(Duration.ofSeconds(5))
                .recordWith(ArrayList::new)
                .expectNextCount(3)
                .consumeRecordedWith(list -> {
                    Map<String, BackupOutcome> outcomes = byTable(new ArrayList<>(list));
                    assertEquals(BackupOutcome.Status.CREATED, outcomes.get("users").status());
                    assertEquals(BackupOutcome.Status.CREATED, outcomes.get("orders").status(),
                            "one backup left: DescribeBackup is cheaper than a listing");
                    BackupNotAvailableException why = assertInstanceOf(BackupNotAvailableException.class,
                            outcomes.get("events").error().orElseThrow());
                    assertEquals(BackupNotAvailableException.Reason.LOST, why.reason());
                    assertEquals(BackupStatus.CREATING, why.status().orElseThrow());
                })
                .verifyComplete();
        assertEquals(Arrays.asList("CreateBackup", "CreateBackup", "CreateBackup", "ListBackups", "ListBackups",
                "DescribeBackup", "DescribeBackup"), operations());
    }
}
