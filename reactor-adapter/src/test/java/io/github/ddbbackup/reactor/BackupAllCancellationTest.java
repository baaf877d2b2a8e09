package io.github.ddbbackup.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.scheduler.VirtualTimeScheduler;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Cancelling a {@code backupAll} on virtual time, at the transport: exactly nothing is sent afterwards, and the callers
 * that were queued for permits leave the bucket, so the next call is not held behind them.
 */
class BackupAllCancellationTest {

    final VirtualTimeScheduler time = VirtualTimeScheduler.create();

    @AfterEach
    void stop() {
        time.dispose();
    }

    @Test
    void cancelledJobSendsNothingMoreAndLeavesNoWaiterBehind() {
        AtomicInteger sent = new AtomicInteger();
        AtomicLong lastSentAt = new AtomicLong();
        Exchange ok = (headers, body, attempt) -> Mono.fromSupplier(() -> {
            sent.incrementAndGet();
            lastSentAt.set(time.now(TimeUnit.MILLISECONDS));
            attempt.written();
            return new RawResponse(200, "rid", null, ScriptedClientTest.CREATED.getBytes());
        });
        URI endpoint = URI.create("http://127.0.0.1:8000");
        CallExecutor executor = new CallExecutor(
                new CredentialsCache(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")),
                        Schedulers.immediate(), Clock.systemUTC()),
                TokenBucketRateLimiter.create(RateLimits.DYNAMODB_DEFAULTS, time),
                new RequestSigner(endpoint, "us-east-1", Clock.systemUTC()), ok, time,
                Timeouts.DEFAULT, RetryPolicy.DEFAULT, endpoint, "us-east-1");
        DynamoDbBackupClient client = new ReactorNettyBackupClient(executor, time, Disposables.single(), false);

        Disposable job = client.backupAll(Flux.range(0, 400).map(i -> "table-" + i), BackupPlan.defaults())
                .subscribe();
        time.advanceTimeBy(Duration.ofSeconds(1));
        int atCancel = sent.get();
        assertTrue(atCancel >= 45 && atCancel <= 50, "paced before the cancel: " + atCancel);
        job.dispose();
        time.advanceTimeBy(Duration.ofSeconds(10));
        assertEquals(atCancel, sent.get(), "nothing is sent after the cancel");

        long before = time.now(TimeUnit.MILLISECONDS);
        AtomicInteger done = new AtomicInteger();
        client.createBackup("orders", "orders-1").subscribe(details -> done.incrementAndGet());
        time.advanceTimeBy(Duration.ofMillis(25));
        assertEquals(1, done.get(), "the next call waits one interval at most, not behind ~60 cancelled waiters");
        assertTrue(lastSentAt.get() - before <= 25);
    }
}
