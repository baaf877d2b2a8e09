package io.github.ddbbackup.reactor;

import io.github.ddbbackup.core.error.ResponseTooLargeException;
import io.github.ddbbackup.core.error.AmbiguousOutcomeException;
import io.github.ddbbackup.ratelimit.RateLimits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.core.BackupDetails;
import io.github.ddbbackup.core.BackupStatus;
import io.github.ddbbackup.core.BackupSummary;
import io.github.ddbbackup.core.ListBackupsRequest;
import io.github.ddbbackup.core.error.BackupInUseException;
import io.github.ddbbackup.core.error.BackupNotFoundException;
import io.github.ddbbackup.core.error.ContinuousBackupsUnavailableException;
import io.github.ddbbackup.core.error.InvalidSignatureException;
import io.github.ddbbackup.core.error.TableInUseException;
import io.github.ddbbackup.core.error.TableNotFoundException;
import io.github.ddbbackup.core.error.UnrecognizedClientException;
import io.github.ddbbackup.emulator.DynamoDbEmulator;
import io.github.ddbbackup.emulator.DynamoDbEmulatorExtension;
import io.github.ddbbackup.emulator.Fault;
import io.netty.channel.Channel;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.netty.resources.ConnectionPoolMetrics;
import reactor.test.StepVerifier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The client against the in-process emulator over real HTTP on 127.0.0.1, with BlockHound watching Netty threads. */
class EmulatorClientTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    final DynamoDbEmulatorExtension dynamoDb = new DynamoDbEmulatorExtension();
    DynamoDbEmulator emulator;
    DynamoDbBackupClient client;
    final AtomicReference<ConnectionPoolMetrics> pool = new AtomicReference<>();

    @BeforeEach
    void start() {
        emulator = dynamoDb.emulator();
        client = clientFor(DynamoDbEmulator.DEFAULT_ACCESS_KEY_ID, DynamoDbEmulator.DEFAULT_SECRET_ACCESS_KEY,
                RetryPolicy.DEFAULT);
    }

    @AfterEach
    void stop() {
        client.close();
    }

    DynamoDbBackupClient clientFor(String accessKeyId, String secret, RetryPolicy retry) {
        return clientFor(accessKeyId, secret, retry, RateLimits.DEFAULT);
    }

    DynamoDbBackupClient clientFor(String accessKeyId, String secret, RetryPolicy retry, RateLimits limits) {
        return EmulatorClients.builder(emulator, accessKeyId, secret, pool)
                .retryPolicy(retry)
                .rateLimits(limits)
                .build();
    }

    @Test
    void everyOperationRoundTrips() {
        emulator.createTables("orders-", 3);
        assertEquals(emulator.endpoint(), client.endpoint());
        assertEquals("us-east-1", client.region());
        BackupDetails created = client.createBackup("orders-0", "orders-0-first").block(WAIT);
        assertEquals("orders-0-first", created.backupName());
        assertTrue(created.backupArn().contains(":table/orders-0/backup/"), created.backupArn());

        var described = client.describeBackup(created.backupArn()).block(WAIT);
        assertEquals(created.backupArn(), described.backupDetails().orElseThrow().backupArn());
        assertEquals("orders-0", described.sourceTableDetails().orElseThrow().tableName());

        List<BackupSummary> listed = client.listBackups(ListBackupsRequest.builder().tableName("orders-0").build())
                .collectList().block(WAIT);
        assertEquals(List.of(created.backupArn()), listed.stream().map(s -> s.backupArn().orElseThrow()).toList());

        assertEquals(List.of("orders-0", "orders-1", "orders-2"), client.listTables().collectList().block(WAIT));

        var deleted = client.deleteBackup(created.backupArn()).block(WAIT);
        assertEquals(created.backupArn(), deleted.backupDetails().orElseThrow().backupArn());
        StepVerifier.create(client.describeBackup(created.backupArn())).expectError(BackupNotFoundException.class)
                .verify(WAIT);
    }

    @Test
    void listingsFollowPagesOnlyOnDemand() {
        emulator.createTable("orders");
        for (int i = 0; i < 5; i++) {
            client.createBackup("orders", "orders-" + i).block(WAIT);
        }
        ListBackupsRequest pagesOfTwo = ListBackupsRequest.builder().tableName("orders").limit(2).build();
        StepVerifier.create(client.listBackups(pagesOfTwo), 1)
                .expectNextCount(1)
                .then(() -> assertEquals(1, emulator.stats().requestCount("ListBackups")))
                .thenRequest(1)
                .expectNextCount(1)
                .then(() -> assertEquals(1, emulator.stats().requestCount("ListBackups")))
                .thenRequest(Long.MAX_VALUE)
                .expectNextCount(3)
                .verifyComplete();
        assertEquals(3, emulator.stats().requestCount("ListBackups"));

        emulator.createTables("many-", 230);
        assertEquals(231, client.listTables().count().block(WAIT));
        assertEquals(3, emulator.stats().requestCount("ListTables"), "pages of 100");
    }

    @Test
    void serviceErrorsArriveTyped() {
        emulator.createTable("busy");
        emulator.setTableCreating("busy", Duration.ofMinutes(5));
        emulator.createTable("no-pitr");
        emulator.setContinuousBackupsAvailable("no-pitr", false);
        StepVerifier.create(client.createBackup("missing", "missing-1")).expectError(TableNotFoundException.class)
                .verify(WAIT);
        StepVerifier.create(client.createBackup("busy", "busy-1")).expectError(TableInUseException.class)
                .verify(WAIT);
        StepVerifier.create(client.createBackup("no-pitr", "no-pitr-1"))
                .expectError(ContinuousBackupsUnavailableException.class).verify(WAIT);
        String unknown = emulator.tableArn("busy") + "/backup/01795264347487-abcdef12";
        StepVerifier.create(client.describeBackup(unknown)).expectError(BackupNotFoundException.class).verify(WAIT);
        assertEquals(3, emulator.stats().requestCount("CreateBackup"), "errors are not retried");
    }

    @Test
    void deletingABackupStillCreatingIsInUse() {
        DynamoDbEmulator slow = dynamoDb.start(settings -> settings.backupCreationDelay(Duration.ofMinutes(5)));
        slow.createTable("orders");
        DynamoDbBackupClient c = DynamoDbBackupClient.builder().region("us-east-1").endpointOverride(slow.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        DynamoDbEmulator.DEFAULT_ACCESS_KEY_ID, DynamoDbEmulator.DEFAULT_SECRET_ACCESS_KEY)))
                .build();
        try {
            BackupDetails creating = c.createBackup("orders", "orders-1").block(WAIT);
            assertEquals(BackupStatus.CREATING, creating.backupStatus());
            StepVerifier.create(c.deleteBackup(creating.backupArn())).expectError(BackupInUseException.class)
                    .verify(WAIT);
        } finally {
            c.close();
        }
    }

    @Test
    void badCredentialsAreRefusedAndNotRetried() {
        emulator.createTable("orders");
        DynamoDbBackupClient unknownKey = clientFor("AKIAUNKNOWNKEY000000", "whatever", RetryPolicy.DEFAULT);
        DynamoDbBackupClient wrongSecret = clientFor(DynamoDbEmulator.DEFAULT_ACCESS_KEY_ID, "wrong-secret",
                RetryPolicy.DEFAULT);
        try {
            StepVerifier.create(unknownKey.createBackup("orders", "orders-1"))
                    .expectError(UnrecognizedClientException.class).verify(WAIT);
            StepVerifier.create(wrongSecret.createBackup("orders", "orders-1"))
                    .expectErrorSatisfies(e -> {
                        assertInstanceOf(InvalidSignatureException.class, e);
                        assertFalse(e.getMessage().contains("wrong-secret"), "no secret in messages");
                    })
                    .verify(WAIT);
        } finally {
            unknownKey.close();
            wrongSecret.close();
        }
        assertEquals(0, emulator.stats().backupCount("orders"));
    }

    @Test
    void throttlingAndDamagedResponsesAreRetriedToSuccess() {
        emulator.createTable("orders");
        emulator.faults().script("CreateBackup", Fault.error(400, "LimitExceededException"),
                Fault.error(400, "ThrottlingException"), Fault.error(500, "InternalServerError"));
        BackupDetails details = client.createBackup("orders", "orders-1").block(WAIT);
        assertEquals("orders-1", details.backupName());
        assertEquals(4, emulator.stats().requestCount("CreateBackup"));
        assertEquals(1, emulator.stats().backupCount("orders"));

        emulator.faults().script("DescribeBackup", Fault.wrongCrc32(), Fault.truncatedBody());
        assertEquals("orders-1", client.describeBackup(details.backupArn()).block(WAIT).backupDetails()
                .orElseThrow().backupName());
        assertEquals(3, emulator.stats().requestCount("DescribeBackup"));
    }

    @Test
    void createBackupWhoseAnswerIsLostIsAmbiguousAndNotResent() {
        emulator.createTable("orders");
        emulator.faults().script("CreateBackup", Fault.closeAfterOperation());
        StepVerifier.create(client.createBackup("orders", "orders-1"))
                .expectErrorSatisfies(e -> assertEquals("orders-1",
                        assertInstanceOf(AmbiguousOutcomeException.class, e).backupName()))
                .verify(WAIT);
        assertEquals(1, emulator.stats().requestCount("CreateBackup"));
        assertEquals(1, emulator.stats().backupCount("orders"), "the backup exists though the client saw no answer");
    }

    @Test
    void oversizedResponseIsRefusedAndItsConnectionNotReused() {
        emulator.createTable("orders");
        emulator.faults().script("ListTables", Fault.oversizeBody(2 * 1024 * 1024));
        // The connection each request went out on, as the client's transport saw it.
        Queue<Channel> channels = new ConcurrentLinkedQueue<>();
        DynamoDbBackupClient watched = EmulatorClients.builder(emulator, pool)
                .retryPolicy(RetryPolicy.NONE)
                .httpClientCustomizer(http -> http.doOnRequest((request, connection) ->
                        channels.add(connection.channel())))
                .build();
        try {
            StepVerifier.create(watched.listTables()).expectError(ResponseTooLargeException.class).verify(WAIT);
            Channel refused = channels.peek();
            awaitTrue(() -> !refused.isOpen());
            assertEquals(0, pool.get().idleSize(), "the refused connection was not returned to the pool");
            assertEquals(List.of("orders"), watched.listTables().collectList().block(WAIT));
            assertEquals(2, channels.size());
            assertNotSame(refused, List.copyOf(channels).get(1), "the next call went out on a new connection");
        } finally {
            watched.close();
        }
    }

    @Test
    void cancellingMidFlightReleasesThePooledConnection() {
        emulator.createTable("orders");
        emulator.faults().script("DescribeBackup", Fault.latency(Duration.ofSeconds(30)));
        String arn = client.createBackup("orders", "orders-1").block(WAIT).backupArn();
        Disposable inFlight = client.describeBackup(arn).subscribe();
        awaitTrue(() -> emulator.stats().requestCount("DescribeBackup") == 1);
        assertEquals(1, pool.get().acquiredSize(), "the call holds a connection");
        inFlight.dispose();
        awaitTrue(() -> pool.get().acquiredSize() == 0);
        assertEquals(0, pool.get().pendingAcquireSize());
    }

    @Test
    void backupAllBacksUpThreeHundredTablesAtTheDefaultLimitOnceEachRetryingEveryLimitExceeded() {
        // The pace is what the client controls, proven exactly on virtual time where the requests are written:
        // RateLimitedClientTest.backupAllAtTheDefaultLimitWritesAtMostFiftyCreateBackupsInAnySecond. The emulator
        // counts arrivals on the wall clock, which a loaded machine shifts (a request delayed by a busy core lands
        // in the next one's second); so here, at the default settings, only what must hold whatever the machine does:
        // every table backed up once, and every LimitExceededException the emulator answered was retried.
        List<String> tables = emulator.createTables("t-", 300);
        List<BackupOutcome> outcomes = client.backupAll(reactor.core.publisher.Flux.fromIterable(tables),
                BackupPlan.DEFAULT).collectList().block(Duration.ofSeconds(60));
        assertEquals(300, outcomes.size());
        assertTrue(outcomes.stream().allMatch(o -> o.status() == BackupOutcome.Status.CREATED), outcomes::toString);
        assertTrue(tables.stream().allMatch(t -> emulator.stats().backupCount(t) == 1),
                "each backed up, none doubled");
        long requests = emulator.stats().requestCount("CreateBackup");
        assertEquals(300, emulator.stats().callCount("CreateBackup"), "one admitted call per table");
        assertEquals(300 + emulator.stats().limitExceededCount("CreateBackup"), requests,
                "each request the emulator refused was followed by another");
        assertEquals(requests, outcomes.stream().mapToInt(BackupOutcome::attempts).sum(),
                "the outcomes count every request sent");
    }

    @Test
    void backupAllReportsEveryTableWhateverHappensToIt() {
        emulator.createTables("ok-", 5);
        emulator.createTable("busy");
        emulator.setTableCreating("busy", Duration.ofMinutes(5));
        emulator.createTables("lost-", 4);
        emulator.faults().script("CreateBackup", Fault.closeAfterOperation(), Fault.none(),
                Fault.closeAfterOperation());
        List<String> input = List.of("lost-0", "lost-1", "lost-2", "lost-3", "ok-0", "ok-1", "missing", "ok-2",
                "ok-0", "busy", "ok-3", "ok-4", "bad name");
        List<BackupOutcome> outcomes = client.backupAll(reactor.core.publisher.Flux.fromIterable(input),
                BackupPlan.builder().concurrency(1).build()).collectList().block(Duration.ofSeconds(60));
        assertEquals(input.size(), outcomes.size(), "one outcome per input entry");
        var byStatus = outcomes.stream().collect(java.util.stream.Collectors.groupingBy(BackupOutcome::status));
        assertEquals(9, byStatus.get(BackupOutcome.Status.CREATED).size(), outcomes::toString);
        assertEquals(3, byStatus.get(BackupOutcome.Status.FAILED).size(), outcomes::toString);
        assertEquals(List.of("ok-0"), byStatus.get(BackupOutcome.Status.SKIPPED).stream().map(BackupOutcome::table)
                .toList());
        outcomes.stream().filter(o -> o.table().equals("missing")).findFirst().orElseThrow().error()
                .ifPresentOrElse(e -> assertInstanceOf(TableNotFoundException.class, e), () -> {
                    throw new AssertionError("missing has no error");
                });
        assertInstanceOf(TableInUseException.class, outcomes.stream().filter(o -> o.table().equals("busy"))
                .findFirst().orElseThrow().error().orElseThrow());
        assertEquals(2, outcomes.stream().filter(BackupOutcome::recovered).count(), "lost answers were found");
        emulator.stats().backupsByTable().forEach((table, backups) ->
                assertEquals(1, backups.size(), table + " has exactly one backup"));
    }

    static void awaitTrue(java.util.function.BooleanSupplier condition) {
        Mono.fromCallable(condition::getAsBoolean).filter(Boolean::booleanValue)
                .repeatWhenEmpty(200, r -> r.delayElements(Duration.ofMillis(25)))
                .block(Duration.ofSeconds(10));
    }
}
