package io.github.ddbbackup.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.core.BackupStatus;
import io.github.ddbbackup.core.BackupSummary;
import io.github.ddbbackup.core.ListBackupsRequest;
import io.github.ddbbackup.core.RequestValidationException;
import io.github.ddbbackup.core.error.BackupInUseException;
import io.github.ddbbackup.core.error.InternalServerErrorException;
import io.github.ddbbackup.core.error.MalformedResponseException;
import io.github.ddbbackup.core.error.TableNotFoundException;
import io.github.ddbbackup.core.error.ValidationException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.Disposables;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The call pipeline against a scripted transport, on virtual time: retries, budgets, ambiguity, paging, polling. */
class ScriptedClientTest {

    static final String ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/orders/backup/01795264347487-abcdef12";
    static final String CREATED = "{\"BackupDetails\":{\"BackupArn\":\"" + ARN + "\",\"BackupName\":\"orders-1\","
            + "\"BackupStatus\":\"CREATING\",\"BackupType\":\"USER\",\"BackupCreationDateTime\":1795264347.487}}";

    final ScriptedExchange server = new ScriptedExchange();
    /** Each client gets its own virtual clock: StepVerifier disposes it after one verification. */
    VirtualTimeScheduler time;

    @BeforeAll
    static void boundEveryVerification() {
        StepVerifier.setDefaultTimeout(Duration.ofSeconds(20));
    }

    @AfterAll
    static void restoreDefaultTimeout() {
        StepVerifier.resetDefaultTimeout();
    }

    @AfterEach
    void stopTime() {
        if (time != null) {
            time.dispose();
        }
    }

    /** StepVerifier asks for the clock before it builds the scenario, and disposes it afterwards: one per verification. */
    VirtualTimeScheduler freshTime() {
        time = VirtualTimeScheduler.create();
        return time;
    }

    DynamoDbBackupClient client(RetryPolicy retry) {
        if (time == null) {
            freshTime();
        }
        URI endpoint = URI.create("http://127.0.0.1:8000");
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsSessionCredentials.create("AKIDTEST", "test-secret-key", "test-session-token"));
        CallExecutor executor = new CallExecutor(
                new CredentialsCache(credentials, Schedulers.immediate(), Clock.systemUTC()), RateLimiter.UNLIMITED,
                new RequestSigner(endpoint, "us-east-1", Clock.systemUTC()), server, time, Timeouts.DEFAULT, retry,
                endpoint, "us-east-1");
        return new ReactorNettyBackupClient(executor, time, Disposables.single(), false);
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
        server.respond(200, CREATED);
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
        server.respond(200, CREATED).respond(200, CREATED);
        var call = client().createBackup("orders", "orders-1");
        assertEquals(0, server.sent().size(), "nothing is sent before subscription");
        StepVerifier.create(call.then(call)).expectNextCount(1).verifyComplete();
        assertEquals(2, server.sent().size());
        assertEquals(server.sent().get(0).body(), server.sent().get(1).body());
    }

    @Test
    void throttledTwiceThenSucceeds() {
        server.error(400, "ThrottlingException").error(400, "LimitExceededException").respond(200, CREATED);
        StepVerifier.withVirtualTime(() -> client().createBackup("orders", "orders-1"), this::freshTime, Long.MAX_VALUE)
                .thenAwait(Duration.ofSeconds(10))
                .assertNext(details -> assertEquals(ARN, details.backupArn()))
                .verifyComplete();
        assertEquals(3, server.sent().size());
    }

    @Test
    void exhaustedBudgetGivesTheLastError() {
        server.errorTimes(3, 500, "InternalServerError");
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
        server.error(400, "ValidationException").error(400, "TableNotFoundException")
                .error(400, "BackupInUseException");
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
        server.connectionLost(true);
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

    @Test
    void createBackupLostBeforeWritingIsRetried() {
        server.connectionLost(false).respond(200, CREATED);
        StepVerifier.withVirtualTime(() -> client().createBackup("orders", "orders-1"), this::freshTime, 1)
                .thenAwait(Duration.ofSeconds(10))
                .expectNextCount(1)
                .verifyComplete();
        assertEquals(2, server.sent().size());
    }

    @Test
    void readsAreRetriedAfterALostConnection() {
        server.connectionLost(true).respond(200, describe("AVAILABLE"));
        StepVerifier.withVirtualTime(() -> client().describeBackup(ARN), this::freshTime, 1)
                .thenAwait(Duration.ofSeconds(10))
                .expectNextCount(1)
                .verifyComplete();
        assertEquals(2, server.sent().size());
    }

    @Test
    void attemptTimeoutAfterWritingIsAmbiguousForCreateBackup() {
        server.hang();
        StepVerifier.withVirtualTime(() -> client().createBackup("orders", "orders-1"), this::freshTime, 1)
                .thenAwait(Timeouts.DEFAULT.perAttempt())
                .expectError(AmbiguousOutcomeException.class)
                .verify();
        assertEquals(1, server.sent().size());
    }

    @Test
    void unreadableSuccessIsAmbiguousForCreateBackupButRetriedForReads() {
        server.respond(200, CREATED.substring(0, 40));
        StepVerifier.withVirtualTime(() -> client().createBackup("orders", "orders-1"), this::freshTime, 1)
                .thenAwait(Duration.ofMinutes(1))
                .expectErrorSatisfies(e -> assertInstanceOf(MalformedResponseException.class,
                        assertInstanceOf(AmbiguousOutcomeException.class, e).getCause()))
                .verify();
        server.respond(200, describe("AVAILABLE").substring(0, 30)).respond(200, describe("AVAILABLE"));
        StepVerifier.withVirtualTime(() -> client().describeBackup(ARN), this::freshTime, 1)
                .thenAwait(Duration.ofSeconds(10)).expectNextCount(1).verifyComplete();
    }

    @Test
    void proxyErrorPageIsAmbiguousButTypedServerErrorIsRetried() {
        server.respond(503, "<html><body>Service Unavailable</body></html>");
        StepVerifier.withVirtualTime(() -> client().createBackup("orders", "orders-1"), this::freshTime, 1)
                .thenAwait(Duration.ofMinutes(1)).expectError(AmbiguousOutcomeException.class).verify();
        server.error(500, "InternalServerError").respond(200, CREATED);
        StepVerifier.withVirtualTime(() -> client().createBackup("orders", "orders-1"), this::freshTime, 1)
                .thenAwait(Duration.ofSeconds(10)).expectNextCount(1).verifyComplete();
        assertEquals(3, server.sent().size());
    }

    @Test
    void overallTimeoutBoundsACall() {
        server.errorTimes(8, 400, "ThrottlingException");
        StepVerifier.withVirtualTime(() -> client(new RetryPolicy(8, Duration.ofSeconds(10), Duration.ofSeconds(30)))
                        .describeBackup(ARN), this::freshTime, 1)
                .thenAwait(Timeouts.DEFAULT.overall())
                .expectErrorSatisfies(e -> assertInstanceOf(TimeoutException.class,
                        assertInstanceOf(TransportException.class, e).getCause()))
                .verify();
    }

    @Test
    void pagesAreFetchedOnlyOnDemandAndEmptyPagesDoNotEndTheListing() {
        String arnA = ARN.replace("abcdef12", "aaaaaaaa");
        String arnB = ARN.replace("abcdef12", "bbbbbbbb");
        String arnC = ARN.replace("abcdef12", "cccccccc");
        server.respond(200, "{\"BackupSummaries\":[{\"BackupArn\":\"" + arnA + "\"},{\"BackupArn\":\"" + arnB
                        + "\"}],\"LastEvaluatedBackupArn\":\"" + arnB + "\"}")
                .respond(200, "{\"BackupSummaries\":[],\"LastEvaluatedBackupArn\":\"" + arnB + "\"}")
                .respond(200, "{\"BackupSummaries\":[{\"BackupArn\":\"" + arnC + "\"}]}");
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
        assertTrue(server.sent().get(1).body().contains("\"ExclusiveStartBackupArn\":\"" + arnB + "\""));
        assertTrue(server.sent().get(1).body().contains("\"TableName\":\"orders\""));
    }

    @Test
    void awaitAvailablePollsWithBackoffUntilAvailable() {
        server.respond(200, describe("CREATING")).respond(200, describe("CREATING")).respond(200, describe("AVAILABLE"));
        StepVerifier.withVirtualTime(() -> client().awaitAvailable(ARN, Duration.ofMinutes(5)), this::freshTime, 1)
                .expectSubscription()
                .then(() -> assertEquals(1, server.sent().size()))
                .thenAwait(Duration.ofSeconds(10))
                .assertNext(d -> assertEquals(BackupStatus.AVAILABLE, d.backupDetails().orElseThrow().backupStatus()))
                .verifyComplete();
        assertEquals(3, server.sent().size());
    }

    @Test
    void awaitAvailableStopsOnDeletedAndOnTimeout() {
        server.respond(200, describe("DELETED"));
        StepVerifier.withVirtualTime(() -> client().awaitAvailable(ARN, Duration.ofMinutes(5)), this::freshTime, 1)
                .expectError(BackupNotAvailableException.class).verify();
        for (int i = 0; i < 20; i++) {
            server.respond(200, describe("CREATING"));
        }
        StepVerifier.withVirtualTime(() -> client().awaitAvailable(ARN, Duration.ofSeconds(30)), this::freshTime, 1)
                .thenAwait(Duration.ofSeconds(30))
                .expectError(TimeoutException.class).verify();
    }

    @Test
    void summariesKeepOptionalMembersOptional() {
        server.respond(200, "{\"BackupSummaries\":[{\"TableName\":\"orders\"}]}");
        StepVerifier.withVirtualTime(() -> client().listBackups(ListBackupsRequest.builder().build()), this::freshTime, 1)
                .assertNext((BackupSummary s) -> {
                    assertEquals("orders", s.tableName().orElseThrow());
                    assertTrue(s.backupArn().isEmpty());
                })
                .verifyComplete();
    }
}
