package io.github.ddbbackup.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * Cancelling, stopping or running out of a deadline in a {@code backupAll}, on virtual time, at the transport: exactly
 * nothing is sent afterwards, and the callers that were queued for permits leave the bucket, so the next call is not
 * held behind them. Stopping and the deadline also give each table pulled an outcome.
 */
class BackupAllCancellationTest {

    final VirtualTimeScheduler time = VirtualTimeScheduler.create();

    @AfterEach
    void stop() {
        time.dispose();
    }

    final AtomicInteger sent = new AtomicInteger();
    final AtomicLong lastSentAt = new AtomicLong();

    /** A client on virtual time whose transport answers every CreateBackup at once, counting what was sent. */
    DynamoDbBackupClient client() {
        Exchange ok = (headers, body, attempt) -> Mono.fromSupplier(() -> {
            sent.incrementAndGet();
            lastSentAt.set(time.now(TimeUnit.MILLISECONDS));
            attempt.written();
            return new RawResponse(200, "rid", null, ScriptedClientTest.CREATED.getBytes());
        });
        return ScriptedClients.builder(ok).scheduler(time).build();
    }

    @Test
    void cancelledJobSendsNothingMoreAndLeavesNoWaiterBehind() {
        DynamoDbBackupClient client = client();
        Disposable job = client.backupAll(Flux.range(0, 400).map(i -> "table-" + i), BackupPlan.DEFAULT)
                .subscribe();
        time.advanceTimeBy(Duration.ofSeconds(1));
        int atCancel = sent.get();
        assertTrue(atCancel >= 45 && atCancel <= 50, "paced before the cancel: " + atCancel);
        job.dispose();
        time.advanceTimeBy(Duration.ofSeconds(10));
        assertEquals(atCancel, sent.get(), "nothing is sent after the cancel");
        assertNextCallIsNotHeldBehindOldWaiters(client);
    }

    @Test
    void stoppedJobSkipsThePulledTablesNotSentYetLetsSentOnesFinishAndCompletes() {
        DynamoDbBackupClient client = client();
        Sinks.Empty<Void> stop = Sinks.empty();
        List<BackupOutcome> outcomes = new CopyOnWriteArrayList<>();
        AtomicBoolean completed = new AtomicBoolean();
        client.backupAll(Flux.range(0, 400).map(i -> "table-" + i), BackupPlan.DEFAULT, stop.asMono())
                .subscribe(outcomes::add, e -> { }, () -> completed.set(true));
        time.advanceTimeBy(Duration.ofSeconds(1));
        int atStop = sent.get();
        stop.tryEmitEmpty();
        time.advanceTimeBy(Duration.ofSeconds(10));

        assertTrue(completed.get(), "the Flux completes once the pulled tables have their outcomes");
        assertEquals(atStop, sent.get(), "nothing is sent after the stop");
        List<BackupOutcome> created = byStatus(outcomes, BackupOutcome.Status.CREATED);
        List<BackupOutcome> skipped = byStatus(outcomes, BackupOutcome.Status.SKIPPED);
        assertEquals(atStop, created.size(), "every call sent before the stop finished");
        assertEquals(outcomes.size(), created.size() + skipped.size());
        // Pulled: the ones sent plus the concurrency's worth waiting for permits; nothing more was pulled.
        assertEquals(atStop + BackupPlan.DEFAULT_CONCURRENCY, outcomes.size());
        assertTrue(skipped.stream().allMatch(o -> o.skipReason().orElseThrow().equals(BulkBackup.STOPPED)),
                skipped::toString);
        assertEquals(outcomes.size(), outcomes.stream().map(BackupOutcome::table).distinct().count(), "one each");
        assertNextCallIsNotHeldBehindOldWaiters(client);
    }

    @Test
    void deadlineCallsOffTheTablesWaitingForPermitsAndSkipsTheRest() {
        DynamoDbBackupClient client = client();
        List<BackupOutcome> outcomes = new CopyOnWriteArrayList<>();
        // 5 more tables arrive 3 s in, when the bucket has a token at once: the deadline still wins.
        Flux<String> tables = Flux.concat(Flux.range(0, 400).map(i -> "table-" + i),
                Flux.range(400, 5).map(i -> "table-" + i).delaySubscription(Duration.ofSeconds(3), time));
        client.backupAll(tables, BackupPlan.builder().deadline(Duration.ofSeconds(1)).build()).subscribe(outcomes::add);
        time.advanceTimeBy(Duration.ofSeconds(1));
        int atDeadline = sent.get();
        time.advanceTimeBy(Duration.ofSeconds(10));

        assertEquals(atDeadline, sent.get(), "nothing is sent after the deadline");
        assertEquals(405, outcomes.size(), "every input table has an outcome");
        assertEquals(atDeadline, byStatus(outcomes, BackupOutcome.Status.CREATED).size());
        List<BackupOutcome> skipped = byStatus(outcomes, BackupOutcome.Status.SKIPPED);
        assertEquals(405 - atDeadline, skipped.size());
        assertTrue(skipped.stream().allMatch(o -> o.skipReason().orElseThrow().contains("deadline of PT1S passed")),
                skipped::toString);
    }

    private void assertNextCallIsNotHeldBehindOldWaiters(DynamoDbBackupClient client) {
        long before = time.now(TimeUnit.MILLISECONDS);
        AtomicInteger done = new AtomicInteger();
        client.createBackup("orders", "orders-1").subscribe(details -> done.incrementAndGet());
        time.advanceTimeBy(Duration.ofMillis(25));
        assertEquals(1, done.get(), "the next call waits one interval at most, not behind ~60 old waiters");
        assertTrue(lastSentAt.get() - before <= 25);
    }

    private static List<BackupOutcome> byStatus(List<BackupOutcome> outcomes, BackupOutcome.Status status) {
        return outcomes.stream().filter(o -> o.status() == status).toList();
    }
}
