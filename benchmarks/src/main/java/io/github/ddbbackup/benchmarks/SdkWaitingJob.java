package io.github.ddbbackup.benchmarks;

import io.github.ddbbackup.emulator.EmulatorRateLimits;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.BackupStatus;
import software.amazon.awssdk.services.dynamodb.model.CreateBackupRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeBackupRequest;

/**
 * A bulk backup that waits for AVAILABLE, as a careful user of the AWS SDK v2 async client writes it (the SDK has no
 * backup waiter): CreateBackup fanned out over {@code concurrency} tables; each backup created goes to a waiter that
 * asks DescribeBackup every {@code poll} (the first time one {@code poll} after it got the backup) until the status
 * is no longer CREATING. {@value #WAITERS} waiters at once, one DescribeBackup each per {@code poll}: DescribeBackup's
 * documented 10 per second. The waiters take backups from a buffer, so waiting never holds a creating slot. Throttling
 * is left to the SDK's retries ({@link CarefulSdkRetries}, given to the client).
 */
final class SdkWaitingJob {

    /** Backups waited on at once: one DescribeBackup per poll each keeps to DescribeBackup's 10 per second. */
    static final int WAITERS = EmulatorRateLimits.DESCRIBE_BACKUP_PER_SECOND;

    private final DynamoDbAsyncClient sdk;
    private final int concurrency;
    private final Duration poll;
    private final Duration waitTimeout;
    private final AtomicLong createsSent = new AtomicLong();
    private final AtomicLong describesSent = new AtomicLong();

    SdkWaitingJob(DynamoDbAsyncClient sdk, int concurrency, Duration poll, Duration waitTimeout) {
        this.sdk = sdk;
        this.concurrency = concurrency;
        this.poll = poll;
        this.waitTimeout = waitTimeout;
    }

    /**
     * What the job did: tables whose backup was seen AVAILABLE, and the others by why not; and the calls the job made
     * (each may have been several HTTP attempts, the SDK's retries).
     */
    record Result(int tables, int available, Map<String, Integer> failed, long createsSent, long describesSent) {

        int failedCount() {
            return failed.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** One table's end: empty when its backup was seen AVAILABLE, else why not. */
    private record End(Optional<String> failure) {

        static final End AVAILABLE = new End(Optional.empty());

        static End failed(String why) {
            return new End(Optional.of(why));
        }
    }

    /** Runs the job over {@code tables}, blocking until every table has an end (from main, never an event loop). */
    Result run(List<String> tables, Duration jobTimeout) {
        Map<String, Integer> failed = new TreeMap<>();
        int[] available = new int[1];
        Flux.fromIterable(tables)
                .flatMap(table -> create(table).map(Created::of)
                        .onErrorResume(e -> Mono.just(Created.failed("CreateBackup " + kind(e)))), concurrency)
                .onBackpressureBuffer()
                .flatMap(created -> created.arn().map(this::awaitAvailable)
                        .orElseGet(() -> Mono.just(End.failed(created.failure()))), WAITERS)
                .doOnNext(end -> end.failure().ifPresentOrElse(kind -> failed.merge(kind, 1, Integer::sum),
                        () -> available[0]++))
                .blockLast(jobTimeout);
        return new Result(tables.size(), available[0], failed, createsSent.get(), describesSent.get());
    }

    /** DescribeBackup calls the waiters have sent so far (each perhaps several HTTP attempts). */
    long describesSent() {
        return describesSent.get();
    }

    private Mono<String> create(String table) {
        return Mono.fromFuture(() -> {
            createsSent.incrementAndGet();
            return sdk.createBackup(CreateBackupRequest.builder().tableName(table).backupName(table + "-sdk").build());
        }).map(response -> response.backupDetails().backupArn());
    }

    /** CreateBackup's answer for one table: the backup's ARN, or why there is none. */
    private record Created(Optional<String> arn, String failure) {

        static Created of(String arn) {
            return new Created(Optional.of(arn), "");
        }

        static Created failed(String why) {
            return new Created(Optional.empty(), why);
        }
    }

    private Mono<End> awaitAvailable(String arn) {
        Mono<BackupStatus> look = Mono.delay(poll).then(Mono.fromFuture(() -> {
            describesSent.incrementAndGet();
            return sdk.describeBackup(DescribeBackupRequest.builder().backupArn(arn).build());
        })).map(response -> response.backupDescription().backupDetails().backupStatus());
        return look.repeat()
                .filter(status -> status != BackupStatus.CREATING)
                .next()
                .map(status -> status == BackupStatus.AVAILABLE ? End.AVAILABLE : End.failed("ended " + status))
                .timeout(waitTimeout, Mono.just(End.failed("not AVAILABLE within " + waitTimeout)))
                .onErrorResume(e -> Mono.just(End.failed("DescribeBackup " + kind(e))));
    }

    static String kind(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return cause.getClass().getSimpleName();
    }
}
