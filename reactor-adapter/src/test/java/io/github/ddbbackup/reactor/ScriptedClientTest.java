package io.github.ddbbackup.reactor;

import io.github.ddbbackup.core.error.BackupNotAvailableException;
import io.github.ddbbackup.core.error.AmbiguousOutcomeException;
import io.github.ddbbackup.core.error.TransportException;
import io.github.ddbbackup.ratelimit.RateLimiter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.core.BackupStatus;
import io.github.ddbbackup.core.BackupSummary;
import io.github.ddbbackup.core.BackupTypeFilter;
import io.github.ddbbackup.core.ListBackupsRequest;
import io.github.ddbbackup.core.Operation;
import io.github.ddbbackup.core.RequestValidationException;
import io.github.ddbbackup.core.error.AccessDeniedException;
import io.github.ddbbackup.core.error.BackupInUseException;
import io.github.ddbbackup.core.error.InternalServerErrorException;
import io.github.ddbbackup.core.error.MalformedResponseException;
import io.github.ddbbackup.core.error.TableNotFoundException;
import io.github.ddbbackup.core.error.ValidationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The call pipeline against a scripted transport, on virtual time: retries, budgets, ambiguity, paging, polling. */
class ScriptedClientTest {

    static final String ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/orders/backup/01795264347487-abcdef12";
    static final String CREATED = "{\"BackupDetails\":{\"BackupArn\":\"" + ARN + "\",\"BackupName\":\"orders-1\","
            + "\"BackupStatus\":\"CREATING\",\"BackupType\":\"USER\",\"BackupCreationDateTime\":1795264347.487}}";

    @RegisterExtension
    final ScriptedExchange server = new ScriptedExchange();
    /** Each client gets its own virtual clock: StepVerifier disposes it after one verification. */
    VirtualTimeScheduler time;

    @RegisterExtension
    static final VirtualTimeVerifications VERIFICATIONS = new VirtualTimeVerifications();

    /** One clock per verification, which {@link #time} then names for the client being built. */
    VirtualTimeScheduler freshTime() {
        time = VERIFICATIONS.fresh();
        return time;
    }

    /** A client on {@link #time}: its timers, its signing dates and its look-back clock ({@link VirtualClock}). */
    DynamoDbBackupClient client(RetryPolicy retry, boolean resolveAmbiguous) {
        return client(retry, resolveAmbiguous, RateLimiter.UNLIMITED);
    }

    DynamoDbBackupClient client(RetryPolicy retry, boolean resolveAmbiguous, RateLimiter rateLimiter) {
        if (time == null) {
            freshTime();
        }
        return ScriptedClients.builder(server)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsSessionCredentials.create("AKIDTEST", "test-secret-key", "test-session-token")))
                .scheduler(time)
                .wallClock(new VirtualClock(time))
                .rateLimiter(rateLimiter)
                .retryPolicy(retry)
                .resolveAmbiguousCreateBackup(resolveAmbiguous)
                .build();
    }

    DynamoDbBackupClient client(RetryPolicy retry) {
        return client(retry, false);
    }

    DynamoDbBackupClient client() {
        return client(RetryPolicy.DEFAULT);
    }

    static String describe(String status) {
        return "{\"BackupDescription\":{\"BackupDetails\":{\"BackupArn\":\"" + ARN + "\",\"BackupName\":\"orders-1\","
                + "\"BackupStatus\":\"" + status + "\",\"BackupType\":\"USER\",\"BackupCreationDateTime\":1795264347}}}";
    }

    @Test
    void signsExactlyWhatIsSent() {
        server.expect(Operation.CREATE_BACKUP, request -> {
            assertEquals("orders", request.tableName());
            assertEquals("orders-1", request.backupName());
        }).thenRespond(200, CREATED);
        StepVerifier.withVirtualTime(() -> client().createBackup("orders", "orders-1"), this::freshTime, Long.MAX_VALUE)
                .assertNext(details -> {
                    assertEquals(ARN, details.backupArn());
                    assertEquals(BackupStatus.CREATING, details.backupStatus());
                })
                .verifyComplete();
        ScriptedExchange.Sent sent = server.sent().get(0);
        assertEquals("{\"TableName\":\"orders\",\"BackupName\":\"orders-1\"}", sent.body());
        assertEquals("DynamoDB_20120810.CreateBackup", sent.header("X-Amz-Target"));
        assertEquals("application/x-amz-json-1.0", sent.header("Content-Type"));
        assertEquals("127.0.0.1:8000", sent.header("Host"));
        assertEquals("test-session-token", sent.header("X-Amz-Security-Token"));
        assertNotNull(sent.header("X-Amz-Date"));
        String authorization = sent.header("Authorization");
        assertTrue(authorization.startsWith("AWS4-HMAC-SHA256 Credential=AKIDTEST/"), authorization);
        assertTrue(authorization.contains("/us-east-1/dynamodb/aws4_request"), authorization);
        assertTrue(authorization.contains(
                "SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token;x-amz-target"), authorization);
    }

    @Test
    void coldUntilSubscribedAndFreshOnEachSubscription() {
        server.expect(Operation.CREATE_BACKUP).times(2).thenRespond(200, CREATED);
        var call = client().createBackup("orders", "orders-1");
        time.advanceTimeBy(Duration.ofSeconds(1));
        assertEquals(0, server.sent().size(), "nothing is sent before subscription");
        StepVerifier.create(call).expectNextCount(1).verifyComplete();
        time.advanceTimeBy(Duration.ofSeconds(1));
        StepVerifier.create(call).expectNextCount(1).verifyComplete();
        assertEquals(2, server.sent().size());
        ScriptedExchange.Sent first = server.sent().get(0);
        ScriptedExchange.Sent second = server.sent().get(1);
        assertEquals(first.body(), second.body());
        assertEquals("20261120T120001Z", first.header("X-Amz-Date"), "signed at subscription, not at assembly");
        assertEquals("20261120T120002Z", second.header("X-Amz-Date"), "signed again, a second later");
        assertNotEquals(signature(first), signature(second), "a fresh signature for the fresh date");
    }

    static String signature(ScriptedExchange.Sent sent) {
        String authorization = sent.header("Authorization");
        return authorization.substring(authorization.indexOf("Signature=") + "Signature=".length());
    }

    @Test
    void throttledTwiceThenSucceeds() {
        server.expect(Operation.CREATE_BACKUP).thenError(400, "ThrottlingException")
                .expect(Operation.CREATE_BACKUP).thenError(400, "LimitExceededException")
                .expect(Operation.CREATE_BACKUP).thenRespond(200, CREATED);
        StepVerifier.withVirtualTime(() -> client().createBackup("orders", "orders-1"), this::freshTime, Long.MAX_VALUE)
                .thenAwait(Duration.ofSeconds(10))
                .assertNext(details -> assertEquals(ARN, details.backupArn()))
                .verifyComplete();
        assertEquals(3, server.sent().size());
    }

    @Test
    void exhaustedBudgetGivesTheLastError() {
        server.expect(Operation.DESCRIBE_BACKUP).times(3).thenError(500, "InternalServerError");
        StepVerifier.withVirtualTime(() -> client(RetryPolicy.DEFAULT.withMaxAttempts(3))
                        .describeBackup(ARN), this::freshTime, Long.MAX_VALUE)
                .thenAwait(Duration.ofMinutes(1))
                .expectErrorSatisfies(e -> {
                    InternalServerErrorException error = assertInstanceOf(InternalServerErrorException.class, e);
                    assertEquals("rid-3", error.requestId(), "the last attempt's error");
                })
                .verify();
        assertEquals(3, server.sent().size());
    }

    @Test
    void validationNotFoundAndInUseAreNotRetried() {
        server.expect(Operation.CREATE_BACKUP).thenError(400, "ValidationException")
                .expect(Operation.CREATE_BACKUP).thenError(400, "TableNotFoundException")
                .expect(Operation.CREATE_BACKUP).thenError(400, "BackupInUseException");
        StepVerifier.withVirtualTime(() -> client().createBackup("orders", "orders-1"), this::freshTime, 1)
                .thenAwait(Duration.ofMinutes(1)).expectError(ValidationException.class).verify();
        StepVerifier.withVirtualTime(() -> client().createBackup("orders", "orders-1"), this::freshTime, 1)
                .thenAwait(Duration.ofMinutes(1)).expectError(TableNotFoundException.class).verify();
        StepVerifier.withVirtualTime(() -> client().createBackup("orders", "orders-1"), this::freshTime, 1)
                .thenAwait(Duration.ofMinutes(1)).expectError(BackupInUseException.class).verify();
        assertEquals(3, server.sent().size());
    }

    @Test
    void invalidInputNeverReachesTheWire() {
        StepVerifier.create(client().createBackup("orders", "no spaces allowed"))
                .expectErrorSatisfies(e -> {
                    RequestValidationException invalid = assertInstanceOf(RequestValidationException.class, e);
                    assertEquals("BackupName", invalid.field());
                })
                .verify(Duration.ofSeconds(5));
        StepVerifier.create(client().describeBackup("too-short")).expectError(RequestValidationException.class)
                .verify(Duration.ofSeconds(5));
        assertEquals(0, server.sent().size());
    }

    @Test
    void createBackupLostAfterWritingIsAmbiguousAndNotResent() {
        server.expect(Operation.CREATE_BACKUP).thenLoseConnection(true);
        StepVerifier.withVirtualTime(() -> client().createBackup("orders", "orders-1"), this::freshTime, 1)
                .thenAwait(Duration.ofMinutes(1))
                .expectErrorSatisfies(e -> {
                    AmbiguousOutcomeException ambiguous = assertInstanceOf(AmbiguousOutcomeException.class, e);
                    assertEquals("orders", ambiguous.tableName());
                    assertEquals("orders-1", ambiguous.backupName());
                })
                .verify();
        assertEquals(1, server.sent().size());
    }

    static final String LISTED = "{\"BackupSummaries\":[{\"TableName\":\"orders\",\"BackupArn\":\"" + ARN
            + "\",\"BackupName\":\"orders-1\",\"BackupStatus\":\"CREATING\",\"BackupType\":\"USER\","
            + "\"BackupCreationDateTime\":1795264347.487}]}";
    static final String NOTHING_LISTED = "{\"BackupSummaries\":[]}";

    @Test
    void ambiguousCreateBackupPausesOneSecondThenLooksFiveMinutesBackAndReturnsWhatItFinds() {
        server.expect(Operation.CREATE_BACKUP).thenLoseConnection(true)
                .expect(Operation.LIST_BACKUPS, lookup -> {
                    assertEquals(VirtualClock.START.minus(Duration.ofMinutes(5)), lookup.timeRangeLowerBound(),
                            "five minutes before the first attempt, by the client's clock");
                    assertEquals("orders", lookup.tableName());
                    assertEquals(BackupTypeFilter.USER, lookup.backupType());
                })
                .thenRespond(200, LISTED);
        StepVerifier.withVirtualTime(() -> client(RetryPolicy.DEFAULT, true).createBackup("orders", "orders-1"),
                        this::freshTime, 1)
                .expectSubscription()
                .thenAwait(AmbiguityResolver.LOOKUP_DELAY.minusNanos(1))
                .then(() -> assertEquals(1, server.sent().size(), "no lookup before the pause is over"))
                .thenAwait(Duration.ofNanos(1))
                .assertNext(details -> assertEquals(ARN, details.backupArn()))
                .verifyComplete();
        assertEquals(2, server.sent().size());
    }

    @Test
    void ambiguousCreateBackupNotFoundIsSentAgainAtMostThreeTimesThenReportedAmbiguous() {
        // One send and three resends, each looked up; a fifth CreateBackup would be unexpected.
        for (int i = 0; i < 4; i++) {
            server.expect(Operation.CREATE_BACKUP, request -> assertEquals("orders-1", request.backupName()))
                    .thenLoseConnection(true)
                    .expect(Operation.LIST_BACKUPS, lookup -> assertEquals(
                            VirtualClock.START.minus(Duration.ofMinutes(5)), lookup.timeRangeLowerBound(),
                            "every lookup looks back from before the first attempt"))
                    .thenRespond(200, NOTHING_LISTED);
        }
        StepVerifier.withVirtualTime(() -> client(RetryPolicy.DEFAULT, true).createBackup("orders", "orders-1"),
                        this::freshTime, 1)
                .expectSubscription()
                .thenAwait(Duration.ofSeconds(4).minusNanos(1))
                .then(() -> assertEquals(7, server.sent().size(), "the fourth lookup waits its second"))
                .thenAwait(Duration.ofNanos(1))
                .expectErrorSatisfies(e -> assertEquals("orders-1",
                        assertInstanceOf(AmbiguousOutcomeException.class, e).backupName()))
                .verify();
        assertEquals(8, server.sent().size(), "1 send and 3 resends, each looked up");
        assertEquals(List.of("120000", "120001", "120001", "120002", "120002", "120003", "120003", "120004"),
                server.sent().stream().map(sent -> sent.header("X-Amz-Date").substring(9, 15)).toList(),
                "each lookup one second after its ambiguous answer");
    }

    @Test
    void ambiguousCreateBackupWhoseLookupFailsIsNotSentAgainAndSaysTheBackupMayExist() {
        server.expect(Operation.CREATE_BACKUP).thenLoseConnection(true)
                .expect(Operation.LIST_BACKUPS).thenError(400, "AccessDeniedException");
        StepVerifier.withVirtualTime(() -> client(RetryPolicy.DEFAULT, true).createBackup("orders", "orders-1"),
                        this::freshTime, 1)
                .thenAwait(Duration.ofMinutes(1))
                .expectErrorSatisfies(e -> {
                    AmbiguousOutcomeException ambiguous = assertInstanceOf(AmbiguousOutcomeException.class, e);
                    assertEquals("orders-1", ambiguous.backupName());
                    assertTrue(e.getMessage().contains("looking for the backup with ListBackups failed too, so it "
                            + "may exist"), e.getMessage());
                    assertInstanceOf(AccessDeniedException.class, e.getSuppressed()[0]);
                    assertInstanceOf(TransportException.class, e.getCause(), "the lost answer stays the cause");
                })
                .verify();
        assertEquals(2, server.sent().size(), "not sent again without knowing");
    }

    @Test
    void backupAllRetriesBackupInUseOnTheTimerAndCountsEveryAttempt() {
        server.expect(Operation.CREATE_BACKUP).times(2).thenError(400, "BackupInUseException")
                .expect(Operation.CREATE_BACKUP).thenRespond(200, CREATED);
        StepVerifier.withVirtualTime(() -> client().backupAll(Flux.just("orders"), BackupPlan.DEFAULT),
                        this::freshTime, Long.MAX_VALUE)
                .expectSubscription()
                .then(() -> assertEquals(1, server.sent().size()))
                // Backoff from 1 s, jitter up to +50%: the second attempt at 1..1.5 s, the third 1..3 s after it.
                .thenAwait(BulkBackup.IN_USE_FIRST_DELAY.minusNanos(1))
                .then(() -> assertEquals(1, server.sent().size(), "no retry before the first backoff is over"))
                .thenAwait(Duration.ofMillis(500).plusNanos(1))
                .then(() -> assertEquals(2, server.sent().size(), "retried by the timer"))
                .thenAwait(Duration.ofMillis(500).minusNanos(2))
                .then(() -> assertEquals(2, server.sent().size(), "no third attempt within a second of the second"))
                .thenAwait(Duration.ofMillis(2500))
                .assertNext(outcome -> {
                    assertEquals(BackupOutcome.Status.CREATED, outcome.status());
                    assertEquals(ARN, outcome.details().orElseThrow().backupArn());
                    assertEquals(3, outcome.attempts(), "every CreateBackup sent is counted");
                    assertTrue(outcome.duration().compareTo(Duration.ofSeconds(2)) >= 0, outcome.duration()::toString);
                })
                .verifyComplete();
        assertEquals(3, server.sent().size());
    }

    @Test
    void backupAllReportsBackupInUseAfterItsRetriesAsFailedWithEveryAttemptCounted() {
        server.expect(Operation.CREATE_BACKUP).times(BackupPlan.DEFAULT_IN_USE_RETRIES + 1).thenError(400, "BackupInUseException");
        StepVerifier.withVirtualTime(() -> client().backupAll(Flux.just("orders"), BackupPlan.DEFAULT),
                        this::freshTime, Long.MAX_VALUE)
                .thenAwait(Duration.ofMinutes(1))
                .assertNext(outcome -> {
                    assertEquals(BackupOutcome.Status.FAILED, outcome.status());
                    assertInstanceOf(BackupInUseException.class, outcome.error().orElseThrow());
                    assertEquals(BackupPlan.DEFAULT_IN_USE_RETRIES + 1, outcome.attempts());
                })
                .verifyComplete();
        assertEquals(BackupPlan.DEFAULT_IN_USE_RETRIES + 1, server.sent().size());
    }

    @Test
    void createBackupLostBeforeWritingIsRetried() {
        server.expect(Operation.CREATE_BACKUP).thenLoseConnection(false).expect(Operation.CREATE_BACKUP).thenRespond(200, CREATED);
        StepVerifier.withVirtualTime(() -> client().createBackup("orders", "orders-1"), this::freshTime, 1)
                .thenAwait(Duration.ofSeconds(10))
                .expectNextCount(1)
                .verifyComplete();
        assertEquals(2, server.sent().size());
    }

    @Test
    void readsAreRetriedAfterALostConnection() {
        server.expect(Operation.DESCRIBE_BACKUP).thenLoseConnection(true).expect(Operation.DESCRIBE_BACKUP).thenRespond(200, describe("AVAILABLE"));
        StepVerifier.withVirtualTime(() -> client().describeBackup(ARN), this::freshTime, 1)
                .thenAwait(Duration.ofSeconds(10))
                .expectNextCount(1)
                .verifyComplete();
        assertEquals(2, server.sent().size());
    }

    @Test
    void attemptTimeoutAfterWritingIsAmbiguousForCreateBackup() {
        server.expect(Operation.CREATE_BACKUP).thenHang();
        StepVerifier.withVirtualTime(() -> client().createBackup("orders", "orders-1"), this::freshTime, 1)
                .thenAwait(Timeouts.DEFAULT.perAttempt())
                .expectError(AmbiguousOutcomeException.class)
                .verify();
        assertEquals(1, server.sent().size());
    }

    @Test
    void unreadableSuccessIsAmbiguousForCreateBackupButRetriedForReads() {
        server.expect(Operation.CREATE_BACKUP).thenRespond(200, CREATED.substring(0, 40));
        StepVerifier.withVirtualTime(() -> client().createBackup("orders", "orders-1"), this::freshTime, 1)
                .thenAwait(Duration.ofMinutes(1))
                .expectErrorSatisfies(e -> assertInstanceOf(MalformedResponseException.class,
                        assertInstanceOf(AmbiguousOutcomeException.class, e).getCause()))
                .verify();
        server.expect(Operation.DESCRIBE_BACKUP).thenRespond(200, describe("AVAILABLE").substring(0, 30))
                .expect(Operation.DESCRIBE_BACKUP).thenRespond(200, describe("AVAILABLE"));
        StepVerifier.withVirtualTime(() -> client().describeBackup(ARN), this::freshTime, 1)
                .thenAwait(Duration.ofSeconds(10)).expectNextCount(1).verifyComplete();
    }

    @Test
    void proxyErrorPageIsAmbiguousButTypedServerErrorIsRetried() {
        server.expect(Operation.CREATE_BACKUP).thenRespond(503, "<html><body>Service Unavailable</body></html>");
        StepVerifier.withVirtualTime(() -> client().createBackup("orders", "orders-1"), this::freshTime, 1)
                .thenAwait(Duration.ofMinutes(1)).expectError(AmbiguousOutcomeException.class).verify();
        server.expect(Operation.CREATE_BACKUP).thenError(500, "InternalServerError").expect(Operation.CREATE_BACKUP).thenRespond(200, CREATED);
        StepVerifier.withVirtualTime(() -> client().createBackup("orders", "orders-1"), this::freshTime, 1)
                .thenAwait(Duration.ofSeconds(10)).expectNextCount(1).verifyComplete();
        assertEquals(3, server.sent().size());
    }

    @Test
    void overallTimeoutBoundsACall() {
        // As many as the jittered backoff fits into the overall timeout: fewer than 8.
        server.expect(Operation.DESCRIBE_BACKUP).upToTimes(8).thenError(400, "ThrottlingException");
        StepVerifier.withVirtualTime(() -> client(new RetryPolicy(8, Duration.ofSeconds(10), Duration.ofSeconds(30)))
                        .describeBackup(ARN), this::freshTime, 1)
                .thenAwait(Timeouts.DEFAULT.overall())
                .expectErrorSatisfies(e -> assertInstanceOf(TimeoutException.class,
                        assertInstanceOf(TransportException.class, e).getCause()))
                .verify();
    }

    @Test
    void waitingForAPermitCountsAgainstNeitherTimeout() {
        server.expect(Operation.DESCRIBE_BACKUP).thenRespond(200, describe("AVAILABLE"));
        // Three minutes in line behind a low rate limit: three times the overall timeout, eighteen the per-attempt.
        RateLimiter slow = key -> Mono.delay(Duration.ofMinutes(3), time).then();
        StepVerifier.withVirtualTime(() -> client(RetryPolicy.NONE, false, slow).describeBackup(ARN),
                        this::freshTime, 1)
                .thenAwait(Duration.ofMinutes(3))
                .expectNextCount(1)
                .verifyComplete();
        assertEquals(1, server.sent().size());
    }

    @Test
    void backupAllBehindASlowLimitSlowsDownButFailsNoTable() {
        server.expect(Operation.CREATE_BACKUP).times(5).thenRespond(200, CREATED);
        AtomicInteger inLine = new AtomicInteger();
        // The n-th permit after 2n minutes: each table waits far beyond the overall timeout of a call.
        RateLimiter slow = key -> Mono.delay(Duration.ofMinutes(2L * inLine.incrementAndGet()), time).then();
        StepVerifier.withVirtualTime(() -> client(RetryPolicy.DEFAULT, false, slow).backupAll(
                                Flux.just("t-1", "t-2", "t-3", "t-4", "t-5"), BackupPlan.DEFAULT),
                        this::freshTime, Long.MAX_VALUE)
                .thenAwait(Duration.ofMinutes(10))
                .recordWith(ArrayList::new)
                .expectNextCount(5)
                .consumeRecordedWith(outcomes -> outcomes.forEach(outcome -> {
                    assertEquals(BackupOutcome.Status.CREATED, outcome.status(), outcome.toString());
                    assertEquals(1, outcome.attempts(), outcome.toString());
                }))
                .verifyComplete();
        assertEquals(5, server.sent().size());
    }

    @Test
    void overallTimeoutRunsFromTheFirstPermit() {
        // As many as the jittered backoff fits into the overall timeout: fewer than 8.
        server.expect(Operation.DESCRIBE_BACKUP).upToTimes(8).thenError(400, "ThrottlingException");
        AtomicBoolean first = new AtomicBoolean(true);
        // The first permit after three minutes in line, the retries' at once.
        RateLimiter slowFirst = key -> first.getAndSet(false) ? Mono.delay(Duration.ofMinutes(3), time).then()
                : Mono.empty();
        StepVerifier.withVirtualTime(() -> client(new RetryPolicy(8, Duration.ofSeconds(10), Duration.ofSeconds(30)),
                                false, slowFirst).describeBackup(ARN), this::freshTime, 1)
                .thenAwait(Duration.ofMinutes(3).plus(Timeouts.DEFAULT.overall()).minusMillis(1))
                .expectNoEvent(Duration.ofMillis(1).minusNanos(1))
                .thenAwait(Duration.ofNanos(1))
                .expectErrorSatisfies(e -> assertInstanceOf(TimeoutException.class,
                        assertInstanceOf(TransportException.class, e).getCause()))
                .verify();
    }

    @Test
    void pagesAreFetchedOnlyOnDemandAndEmptyPagesDoNotEndTheListing() {
        String arnA = ARN.replace("abcdef12", "aaaaaaaa");
        String arnB = ARN.replace("abcdef12", "bbbbbbbb");
        String arnC = ARN.replace("abcdef12", "cccccccc");
        server.expect(Operation.LIST_BACKUPS, first -> assertEquals(null, first.exclusiveStartBackupArn()))
                .thenRespond(200, "{\"BackupSummaries\":[{\"BackupArn\":\"" + arnA + "\"},{\"BackupArn\":\"" + arnB
                        + "\"}],\"LastEvaluatedBackupArn\":\"" + arnB + "\"}")
                .expect(Operation.LIST_BACKUPS, next -> {
                    assertEquals(arnB, next.exclusiveStartBackupArn(), "goes on after the last page's last ARN");
                    assertEquals("orders", next.tableName(), "keeps the first page's filter");
                })
                .thenRespond(200, "{\"BackupSummaries\":[],\"LastEvaluatedBackupArn\":\"" + arnB + "\"}")
                .expect(Operation.LIST_BACKUPS, next -> assertEquals(arnB, next.exclusiveStartBackupArn(),
                        "an empty page with a last ARN does not end the listing"))
                .thenRespond(200, "{\"BackupSummaries\":[{\"BackupArn\":\"" + arnC + "\"}]}");
        ListBackupsRequest request = ListBackupsRequest.builder().tableName("orders").limit(2).build();
        StepVerifier.withVirtualTime(() -> client().listBackups(request).map(s -> s.backupArn().orElseThrow()),
                        this::freshTime, 0)
                .then(() -> assertEquals(0, server.sent().size(), "no page before demand"))
                .thenRequest(1)
                .expectNext(arnA)
                .thenRequest(1)
                .expectNext(arnB)
                .then(() -> assertEquals(1, server.sent().size(), "second page not fetched without demand"))
                .thenRequest(1)
                .expectNext(arnC)
                .verifyComplete();
        assertEquals(3, server.sent().size());
    }

    @Test
    void awaitAvailablePollsWithBackoffUntilAvailable() {
        server.expect(Operation.DESCRIBE_BACKUP, request -> assertEquals(ARN, request.backupArn())).times(2)
                .thenRespond(200, describe("CREATING"))
                .expect(Operation.DESCRIBE_BACKUP).thenRespond(200, describe("AVAILABLE"));
        StepVerifier.withVirtualTime(() -> client().awaitAvailable(ARN, Duration.ofMinutes(5)), this::freshTime, 1)
                .expectSubscription()
                .then(() -> assertEquals(1, server.sent().size()))
                .thenAwait(Duration.ofSeconds(10))
                .assertNext(d -> assertEquals(BackupStatus.AVAILABLE, d.backupDetails().orElseThrow().backupStatus()))
                .verifyComplete();
        assertEquals(3, server.sent().size());
    }

    @Test
    void awaitAvailableStopsOnDeletedAndOnTimeoutSayingTheBackupExists() {
        server.expect(Operation.DESCRIBE_BACKUP).thenRespond(200, describe("DELETED"));
        StepVerifier.withVirtualTime(() -> client().awaitAvailable(ARN, Duration.ofMinutes(5)), this::freshTime, 1)
                .expectError(BackupNotAvailableException.class).verify();
        // More than the polls of 30 s can use (their backoff has jitter).
        server.expect(Operation.DESCRIBE_BACKUP).upToTimes(20).thenRespond(200, describe("CREATING"));
        StepVerifier.withVirtualTime(() -> client().awaitAvailable(ARN, Duration.ofSeconds(30)), this::freshTime, 1)
                .thenAwait(Duration.ofSeconds(30))
                .expectErrorSatisfies(e -> {
                    BackupNotAvailableException timedOut = assertInstanceOf(BackupNotAvailableException.class, e);
                    assertEquals(BackupNotAvailableException.Reason.NOT_CONFIRMED_IN_TIME, timedOut.reason());
                    assertTrue(timedOut.backupExists());
                    assertEquals("backup " + ARN + " exists (CreateBackup created it) but was not seen AVAILABLE"
                            + " within PT30S (last seen CREATING); do not back the table up again: the backup may"
                            + " still become AVAILABLE", e.getMessage());
                }).verify();
    }

    @Test
    void summariesKeepOptionalMembersOptional() {
        server.expect(Operation.LIST_BACKUPS).thenRespond(200, "{\"BackupSummaries\":[{\"TableName\":\"orders\"}]}");
        StepVerifier.withVirtualTime(() -> client().listBackups(ListBackupsRequest.builder().build()), this::freshTime, 1)
                .assertNext((BackupSummary s) -> {
                    assertEquals("orders", s.tableName().orElseThrow());
                    assertTrue(s.backupArn().isEmpty());
                })
                .verifyComplete();
    }
}
