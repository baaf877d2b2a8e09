package io.github.ddbbackup.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.core.Operation;
import io.github.ddbbackup.core.error.RateLimitQueueFullException;
import io.github.ddbbackup.emulator.DynamoDbEmulator;
import io.github.ddbbackup.emulator.DynamoDbEmulatorExtension;
import io.github.ddbbackup.ratelimit.RateLimit;
import io.github.ddbbackup.ratelimit.RateLimiter;
import io.github.ddbbackup.ratelimit.RateLimits;
import io.github.ddbbackup.ratelimit.TokenBucketRateLimiter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/** The client's meters and observations, with exact counts for scripted scenarios on virtual time. */
class ClientMetricsTest {

    @RegisterExtension
    final ScriptedExchange server = new ScriptedExchange();
    @RegisterExtension
    static final VirtualTimeVerifications VERIFICATIONS = new VirtualTimeVerifications();
    @RegisterExtension
    final DynamoDbEmulatorExtension dynamoDb = new DynamoDbEmulatorExtension();

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    VirtualTimeScheduler time;

    VirtualTimeScheduler freshTime() {
        time = VERIFICATIONS.fresh();
        return time;
    }

    DynamoDbBackupClientBuilder builder(RateLimiter limiter) {
        return ScriptedClients.builder(server).scheduler(time).wallClock(new VirtualClock(time))
                .rateLimiter(limiter).meterRegistry(registry);
    }

    @Test
    void threeRetriesThenSuccessIsOneSuccessfulCallOfFourAttemptsWithItsRetriesByCause() {
        server.expect(Operation.CREATE_BACKUP).thenError(400, "ThrottlingException")
                .expect(Operation.CREATE_BACKUP).thenError(400, "LimitExceededException")
                .expect(Operation.CREATE_BACKUP).thenError(400, "LimitExceededException")
                .expect(Operation.CREATE_BACKUP).thenRespond(200, ScriptedClientTest.CREATED);
        StepVerifier.withVirtualTime(() -> builder(RateLimiter.UNLIMITED).build().createBackup("orders", "orders-1"),
                        this::freshTime, Long.MAX_VALUE)
                .thenAwait(Duration.ofSeconds(30))
                .expectNextCount(1)
                .verifyComplete();
        assertEquals(1, registry.get("ddb.backup.calls").tags("operation", "CreateBackup", "outcome", "success")
                .timer().count());
        assertEquals(1, registry.get("ddb.backup.calls").timers().size(), "no other outcome was recorded");
        assertEquals(1, registry.get("ddb.backup.retries").tags("operation", "CreateBackup",
                "cause", "ThrottlingException").counter().count());
        assertEquals(2, registry.get("ddb.backup.retries").tags("operation", "CreateBackup",
                "cause", "LimitExceededException").counter().count());
        assertEquals(2, registry.get("ddb.backup.retries").counters().size());
        var attempts = registry.get("ddb.backup.call.attempts").tag("operation", "CreateBackup").summary();
        assertEquals(1, attempts.count());
        assertEquals(4, attempts.totalAmount());
        assertEquals(4, registry.get("ddb.backup.permit.wait").tag("operation", "CreateBackup").timer().count(),
                "one permit per attempt");
    }

    @Test
    void callLatencyIsTheVirtualTimeFromSubscriptionToAnswerPermitWaitIncluded() {
        server.expect(Operation.DESCRIBE_BACKUP).times(2).thenRespond(200, ScriptedClientTest.describe("AVAILABLE"));
        // Two permits per second, burst 1: the second describe waits half a second for its permit.
        RateLimiter limiter = TokenBucketRateLimiter.create(RateLimits.NONE.withJitterMargin(Duration.ZERO)
                .with(Operation.DESCRIBE_BACKUP, RateLimit.perSecond(2)), freshTime());
        DynamoDbBackupClient client = builder(limiter).build();
        StepVerifier.withVirtualTime(() -> Flux.range(0, 2).flatMap(i -> client.describeBackup(ScriptedClientTest.ARN)),
                        () -> time, Long.MAX_VALUE)
                .expectSubscription()
                .thenAwait(Duration.ofMillis(500))
                .expectNextCount(2)
                .verifyComplete();
        Timer calls = registry.get("ddb.backup.calls").tags("operation", "DescribeBackup", "outcome", "success")
                .timer();
        assertEquals(2, calls.count());
        assertEquals(500, calls.totalTime(TimeUnit.MILLISECONDS), "0 and the half second waited for the permit");
        assertEquals(500, calls.max(TimeUnit.MILLISECONDS));
        Timer waits = registry.get("ddb.backup.permit.wait").tag("operation", "DescribeBackup").timer();
        assertEquals(2, waits.count());
        assertEquals(500, waits.totalTime(TimeUnit.MILLISECONDS));
    }

    @Test
    void permitsWaitedForAreTimedAndCountedWhileWaitingOnVirtualTime() {
        for (int i = 0; i < 3; i++) {
            server.expect(Operation.DELETE_BACKUP).thenRespond(200, ScriptedClientTest.describe("DELETED"));
        }
        // One permit per second, burst 1: the three deletes get theirs at 0, 1 and 2 seconds.
        RateLimiter limiter = TokenBucketRateLimiter.create(RateLimits.NONE.withJitterMargin(Duration.ZERO)
                .with(Operation.DELETE_BACKUP, RateLimit.perSecond(1)), freshTime());
        DynamoDbBackupClient client = builder(limiter).build();
        StepVerifier.withVirtualTime(() -> Flux.range(0, 3)
                                .flatMap(i -> client.deleteBackup(ScriptedClientTest.ARN)), () -> time, Long.MAX_VALUE)
                .expectSubscription()
                .then(() -> assertEquals(2, waiting("DeleteBackup"), "two callers wait, one was let through"))
                .thenAwait(Duration.ofSeconds(1))
                .then(() -> assertEquals(1, waiting("DeleteBackup")))
                .thenAwait(Duration.ofSeconds(1))
                .expectNextCount(3)
                .verifyComplete();
        assertEquals(0, waiting("DeleteBackup"));
        Timer waits = registry.get("ddb.backup.permit.wait").tag("operation", "DeleteBackup").timer();
        assertEquals(3, waits.count(), "permits granted");
        assertEquals(3, waits.totalTime(TimeUnit.SECONDS), "0 + 1 + 2 seconds of waiting");
        assertEquals(2, waits.max(TimeUnit.SECONDS));
    }

    double waiting(String operation) {
        return registry.get("ddb.backup.permits.waiting").tag("operation", operation).gauge().value();
    }

    @Test
    void aRefusedPermitIsCountedByReasonAndIsTheCallsOutcome() {
        RateLimiter full = key -> Mono.error(new RateLimitQueueFullException(key.operation(), key.endpoint(),
                key.region(), 1));
        StepVerifier.withVirtualTime(() -> builder(full).build().deleteBackup(ScriptedClientTest.ARN),
                        this::freshTime, Long.MAX_VALUE)
                .expectError(RateLimitQueueFullException.class)
                .verify();
        assertEquals(1, registry.get("ddb.backup.permits.refused").tags("operation", "DeleteBackup",
                "reason", "RateLimitQueueFullException").counter().count());
        assertEquals(1, registry.get("ddb.backup.calls").tags("operation", "DeleteBackup",
                "outcome", "RateLimitQueueFullException").timer().count());
        assertEquals(0, waiting("DeleteBackup"));
    }

    @Test
    void anErrorResponseWithoutACodeIsTaggedByItsStatus() {
        server.expect(Operation.DESCRIBE_BACKUP).thenRespond(503, "<html>Service Unavailable</html>");
        StepVerifier.withVirtualTime(() -> builder(RateLimiter.UNLIMITED).retryPolicy(RetryPolicy.NONE).build()
                        .describeBackup(ScriptedClientTest.ARN), this::freshTime, Long.MAX_VALUE)
                .expectError()
                .verify();
        assertEquals(1, registry.get("ddb.backup.calls").tags("operation", "DescribeBackup", "outcome", "HTTP 503")
                .timer().count());
    }

    @Test
    void ambiguousCreateFoundByListBackupsIsCountedFound() {
        server.expect(Operation.CREATE_BACKUP).thenLoseConnection(true)
                .expect(Operation.LIST_BACKUPS).thenRespond(200, ScriptedClientTest.LISTED);
        StepVerifier.withVirtualTime(() -> builder(RateLimiter.UNLIMITED).resolveAmbiguousCreateBackup(true).build()
                        .createBackup("orders", "orders-1"), this::freshTime, Long.MAX_VALUE)
                .thenAwait(Duration.ofSeconds(5))
                .expectNextCount(1)
                .verifyComplete();
        assertEquals(List.of(1.0, 0.0, 0.0), List.of(ambiguity("found"), ambiguity("resent"), ambiguity("gave_up")));
        assertEquals(1, registry.get("ddb.backup.calls").tags("operation", "CreateBackup",
                "outcome", "AmbiguousOutcomeException").timer().count());
        assertEquals(1, registry.get("ddb.backup.calls").tags("operation", "ListBackups", "outcome", "success")
                .timer().count());
    }

    @Test
    void ambiguousCreateNeverFoundIsResentThreeTimesThenGivenUp() {
        for (int i = 0; i < 4; i++) {
            server.expect(Operation.CREATE_BACKUP).thenLoseConnection(true)
                    .expect(Operation.LIST_BACKUPS).thenRespond(200, ScriptedClientTest.NOTHING_LISTED);
        }
        StepVerifier.withVirtualTime(() -> builder(RateLimiter.UNLIMITED).resolveAmbiguousCreateBackup(true).build()
                        .createBackup("orders", "orders-1"), this::freshTime, Long.MAX_VALUE)
                .thenAwait(Duration.ofSeconds(10))
                .expectError()
                .verify();
        assertEquals(List.of(0.0, 3.0, 1.0), List.of(ambiguity("found"), ambiguity("resent"), ambiguity("gave_up")));
    }

    double ambiguity(String result) {
        return registry.get("ddb.backup.ambiguous.resolutions").tag("result", result).counter().count();
    }

    @Test
    void backupAllCountsTablesByFinalStatusAndTheTablesInFlight() {
        server.expect(Operation.CREATE_BACKUP).thenRespond(200, ScriptedClientTest.CREATED)
                .expect(Operation.CREATE_BACKUP).thenError(400, "TableNotFoundException");
        StepVerifier.withVirtualTime(() -> builder(RateLimiter.UNLIMITED).build()
                                .backupAll(Flux.just("orders", "gone", "orders"), BackupPlan.builder().concurrency(1).build()),
                        this::freshTime, Long.MAX_VALUE)
                .expectNextCount(3)
                .verifyComplete();
        assertEquals(1, bulk("CREATED"));
        assertEquals(1, bulk("FAILED"));
        assertEquals(1, bulk("SKIPPED"), "the repeated table");
        assertEquals(0, registry.get("ddb.backup.bulk.in.flight").gauge().value());
    }

    @Test
    void aTableInFlightIsCountedUntilItsOutcomeAndACancelledJobLeavesNoneBehind() {
        server.expect(Operation.CREATE_BACKUP).thenRespond(200, ScriptedClientTest.CREATED);
        // One permit per 10 s, burst 1: the second table waits for its permit, in flight, until cancelled.
        RateLimiter limiter = TokenBucketRateLimiter.create(RateLimits.NONE.withJitterMargin(Duration.ZERO)
                .with(Operation.CREATE_BACKUP, RateLimit.perSecond(0.1)), freshTime());
        StepVerifier.withVirtualTime(() -> builder(limiter).build()
                                .backupAll(Flux.just("orders", "other"), BackupPlan.DEFAULT),
                        () -> time, Long.MAX_VALUE)
                .expectNextCount(1)
                .then(() -> assertEquals(1, registry.get("ddb.backup.bulk.in.flight").gauge().value()))
                .thenCancel()
                .verify();
        assertEquals(0, registry.get("ddb.backup.bulk.in.flight").gauge().value());
        assertEquals(1, bulk("CREATED"));
        assertEquals(0, waiting("CreateBackup"), "the abandoned permit is no longer waited for");
    }

    double bulk(String status) {
        return registry.get("ddb.backup.bulk.tables").tag("status", status).counter().count();
    }

    @Test
    void eachCallIsOneObservationWithItsOperationHostOutcomeAndRequestId() {
        List<Observation.Context> stopped = new CopyOnWriteArrayList<>();
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }

            @Override
            public void onStop(Observation.Context context) {
                stopped.add(context);
            }
        });
        server.expect(Operation.DESCRIBE_BACKUP).thenError(500, "InternalServerError")
                .expect(Operation.DESCRIBE_BACKUP).thenRespond(200, ScriptedClientTest.describe("AVAILABLE"))
                .expect(Operation.DELETE_BACKUP).thenError(400, "BackupNotFoundException");
        StepVerifier.withVirtualTime(() -> {
                    DynamoDbBackupClient client = builder(RateLimiter.UNLIMITED).observationRegistry(observations)
                            .build();
                    return client.describeBackup(ScriptedClientTest.ARN)
                            .then(client.deleteBackup(ScriptedClientTest.ARN));
                }, this::freshTime, Long.MAX_VALUE)
                .thenAwait(Duration.ofSeconds(10))
                .expectError()
                .verify();
        assertEquals(2, stopped.size(), "one observation per call, not per attempt");
        Observation.Context describe = stopped.get(0);
        assertEquals("ddb.backup.call", describe.getName());
        assertEquals("DynamoDB DescribeBackup", describe.getContextualName());
        assertEquals("DescribeBackup", describe.getLowCardinalityKeyValue("operation").getValue());
        assertEquals("127.0.0.1", describe.getLowCardinalityKeyValue("endpoint.host").getValue());
        assertEquals("success", describe.getLowCardinalityKeyValue("outcome").getValue());
        assertEquals("rid-2", describe.getHighCardinalityKeyValue("aws.request.id").getValue(),
                "the request id of the answer that ended the call");
        assertNull(describe.getError());
        Observation.Context delete = stopped.get(1);
        assertEquals("BackupNotFoundException", delete.getLowCardinalityKeyValue("outcome").getValue());
        assertEquals("rid-3", delete.getHighCardinalityKeyValue("aws.request.id").getValue());
        assertNotNull(delete.getError());
        assertEquals(2, registry.get("ddb.backup.calls").timers().size(), "the meters are kept beside");
    }

    @Test
    void theClientsOwnPoolIsMeteredWithReactorNettysNamesAndTheClientsPoolName() {
        DynamoDbEmulator emulator = dynamoDb.emulator();
        emulator.createTable("orders");
        DynamoDbBackupClient client = EmulatorClients.builder(emulator, DynamoDbEmulator.DEFAULT_ACCESS_KEY_ID,
                DynamoDbEmulator.DEFAULT_SECRET_ACCESS_KEY).meterRegistry(registry).build();
        try {
            StepVerifier.create(client.listTables().collectList())
                    .assertNext(tables -> assertEquals(List.of("orders"), tables))
                    .verifyComplete();
            String pools = registry.getMeters().stream().map(Meter::getId)
                    .filter(id -> id.getName().startsWith("reactor.netty.connection.provider."))
                    .map(id -> id.getName() + "{" + id.getTag("name") + "}")
                    .sorted().collect(Collectors.joining(", "));
            assertTrue(pools.contains("reactor.netty.connection.provider.total.connections{ddb-backup}"), pools);
            assertEquals(DynamoDbBackupClientBuilder.DEFAULT_MAX_CONNECTIONS,
                    registry.get("reactor.netty.connection.provider.max.connections").tag("name", "ddb-backup")
                            .gauge().value());
            assertEquals(1, registry.get("reactor.netty.connection.provider.total.connections")
                    .tag("name", "ddb-backup").gauge().value(), "the one connection the listing used");
        } finally {
            client.closeLater().block(Duration.ofSeconds(20));
        }
    }
}
