package io.github.ddbbackup.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.core.BackupDetails;
import io.github.ddbbackup.core.error.DynamoDbCallException;
import io.github.ddbbackup.emulator.DynamoDbEmulator;
import io.github.ddbbackup.emulator.DynamoDbEmulatorExtension;
import io.github.ddbbackup.emulator.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.resources.ConnectionPoolMetrics;
import reactor.test.StepVerifier;

/** Exactly one backup per table under faults; hostile responses give typed errors and free their connections. */
class ReliabilityTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    final DynamoDbEmulatorExtension dynamoDb = new DynamoDbEmulatorExtension();
    DynamoDbEmulator emulator;
    DynamoDbBackupClient client;
    final AtomicReference<ConnectionPoolMetrics> pool = new AtomicReference<>();

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
    }

    /** A client of the test's emulator. */
    DynamoDbBackupClient start(RetryPolicy retry, Timeouts timeouts, boolean resolveAmbiguous) {
        emulator = dynamoDb.emulator();
        client = EmulatorClients.builder(emulator, pool)
                .retryPolicy(retry)
                .timeouts(timeouts)
                .resolveAmbiguousCreateBackup(resolveAmbiguous)
                .build();
        return client;
    }

    @Test
    void createBackupOptedInToResolutionFindsALostAnswerOrSendsAgain() {
        start(RetryPolicy.DEFAULT, Timeouts.DEFAULT, true);
        emulator.createTables("t-", 2);
        emulator.faults().script("CreateBackup", Fault.closeAfterOperation(), Fault.closeBeforeOperation());
        BackupDetails found = client.createBackup("t-0", "t-0-nightly").block(WAIT);
        assertEquals("t-0-nightly", found.backupName());
        BackupDetails resent = client.createBackup("t-1", "t-1-nightly").block(WAIT);
        assertEquals("t-1-nightly", resent.backupName());
        assertEquals(1, emulator.stats().backupCount("t-0"), "found, not sent again");
        assertEquals(1, emulator.stats().backupCount("t-1"), "not found, so sent again, once");
        assertEquals(3, emulator.stats().requestCount("CreateBackup"));
    }

    @Test
    void faultMatrixOverAThousandTablesEndsWithExactlyOneBackupOrAReasonForEach() {
        start(RetryPolicy.DEFAULT, Timeouts.DEFAULT.withPerAttempt(Duration.ofSeconds(1)), false);
        List<String> tables = emulator.createTables("t-", 1000);
        Map<Fault, Double> faults = new LinkedHashMap<>();
        faults.put(Fault.error(500, "InternalServerError"), 0.05);
        faults.put(Fault.error(400, "ThrottlingException"), 0.05);
        faults.put(Fault.closeAfterOperation(), 0.02);
        faults.put(Fault.closeBeforeOperation(), 0.02);
        faults.put(Fault.truncatedBody(), 0.01);
        faults.put(Fault.htmlServiceUnavailable(), 0.01);
        faults.put(Fault.latency(Duration.ofMillis(1500)), 0.01);
        emulator.faults().random("CreateBackup", 20261121L, faults);

        List<BackupOutcome> outcomes = client.backupAll(Flux.fromIterable(tables), BackupPlan.DEFAULT)
                .collectList().block(Duration.ofSeconds(120));

        assertEquals(1000, outcomes.size(), "no table missing from the outcomes");
        assertEquals(1000, outcomes.stream().map(BackupOutcome::table).distinct().count());
        Map<String, List<BackupDetails>> onServer = emulator.stats().backupsByTable();
        // Any other end breaks the promise of the outcomes: a FAILED table has no backup, a CREATED one exactly one.
        List<String> wrongEnds = new ArrayList<>();
        for (BackupOutcome outcome : outcomes) {
            int backups = onServer.getOrDefault(outcome.table(), List.of()).size();
            boolean created = outcome.status() == BackupOutcome.Status.CREATED && backups == 1;
            boolean failed = outcome.status() == BackupOutcome.Status.FAILED && backups == 0
                    && outcome.error().isPresent();
            if (!created && !failed) {
                wrongEnds.add(outcome.table() + " " + outcome.status() + " with " + backups + " backups, attempts "
                        + outcome.attempts() + ", error " + outcome.error().map(Throwable::toString).orElse("none"));
            }
            assertTrue(outcome.attempts() >= 1 && outcome.attempts() <= RetryPolicy.DEFAULT.maxAttempts()
                    * (AmbiguityResolver.RESENDS + 1), outcome.table() + " attempts " + outcome.attempts());
        }
        assertEquals(List.of(), wrongEnds, "every table CREATED with one backup or FAILED with none and a reason");
        long recovered = outcomes.stream().filter(BackupOutcome::recovered).count();
        assertTrue(recovered > 0, "some lost answers were found by looking");
    }

    static List<Fault> hostile() {
        return List.of(Fault.truncatedBody(), Fault.bodyCutShort(), Fault.okWithErrorBody("TableNotFoundException",
                        "not really"), Fault.wrongCrc32(), Fault.oversizeBody(2 * 1024 * 1024),
                Fault.dribbledBody(Duration.ofMillis(400), 1), Fault.htmlServiceUnavailable(),
                Fault.closeBeforeOperation(), Fault.closeAfterOperation());
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void hostileResponsesGiveTypedErrorsAndFreeTheirConnection(Fault fault) {
        start(RetryPolicy.NONE, Timeouts.DEFAULT.withPerAttempt(Duration.ofSeconds(2)), false);
        emulator.createTable("orders");
        String arn = client.createBackup("orders", "orders-1").block(WAIT).backupArn();
        emulator.faults().script("DescribeBackup", fault);
        StepVerifier.create(client.describeBackup(arn))
                .expectErrorSatisfies(e -> assertInstanceOf(DynamoDbCallException.class, e,
                        "a typed error, not " + e.getClass().getName()))
                .verify(WAIT);
        EmulatorClientTest.awaitTrue(() -> pool.get().acquiredSize() == 0);
        assertEquals("orders-1", client.describeBackup(arn).block(WAIT).backupDetails().orElseThrow().backupName(),
                "the next call is served normally");
    }

    @Test
    void closeDelimitedHttp10BodyIsReadOrRefusedButNeverHangs() {
        start(RetryPolicy.NONE, Timeouts.DEFAULT.withPerAttempt(Duration.ofSeconds(2)), false);
        emulator.createTable("orders");
        String arn = client.createBackup("orders", "orders-1").block(WAIT).backupArn();
        emulator.faults().script("DescribeBackup", Fault.closeDelimitedBody());
        StepVerifier.create(client.describeBackup(arn).map(d -> d.backupDetails().orElseThrow().backupArn()))
                .expectNext(arn)
                .verifyComplete();
        EmulatorClientTest.awaitTrue(() -> pool.get().acquiredSize() == 0);
    }

    @Test
    void cancellingBackupAllLeavesNoConnectionLeasedAndNoPermitHeld() {
        start(RetryPolicy.DEFAULT, Timeouts.DEFAULT, false);
        List<String> tables = emulator.createTables("t-", 400);
        Disposable job = client.backupAll(Flux.fromIterable(tables), BackupPlan.DEFAULT).subscribe();
        EmulatorClientTest.awaitTrue(() -> emulator.stats().callCount("CreateBackup") >= 20);
        job.dispose();
        EmulatorClientTest.awaitTrue(() -> pool.get().acquiredSize() == 0);
        // Requests already in the emulator's socket buffers are still counted as it catches up (slowly, on a loaded
        // machine): wait until its count holds still for a second. A job that went on would back up all 400 tables
        // meanwhile. The exact proof, on virtual time at the transport, is BackupAllCancellationTest.
        long settled = -1;
        for (int i = 0; i < 20 && settled != emulator.stats().requestCount("CreateBackup"); i++) {
            settled = emulator.stats().requestCount("CreateBackup");
            Mono.delay(Duration.ofSeconds(1)).block();
        }
        assertEquals(settled, emulator.stats().requestCount("CreateBackup"), "the cancelled job stopped sending");
        assertTrue(settled < 250, "the cancelled job stopped early: " + settled + " of 400 sent");
        assertEquals(0, pool.get().acquiredSize());
    }
}
