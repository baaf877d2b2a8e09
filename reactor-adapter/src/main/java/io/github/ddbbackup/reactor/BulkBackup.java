package io.github.ddbbackup.reactor;

import io.github.ddbbackup.core.BackupDetails;
import io.github.ddbbackup.core.BackupSummary;
import io.github.ddbbackup.core.BackupTypeFilter;
import io.github.ddbbackup.core.CreateBackupRequest;
import io.github.ddbbackup.core.CreateBackupResponse;
import io.github.ddbbackup.core.ListBackupsRequest;
import io.github.ddbbackup.core.Operation;
import io.github.ddbbackup.core.error.BackupInUseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.util.retry.Retry;

/**
 * The fan-out behind {@link DynamoDbBackupClient#backupAll}: one outcome per input table, as each finishes.
 *
 * <ul>
 *   <li>At most {@code concurrency} tables in flight; tables are pulled from the source only as slots free up, so a
 *       slow consumer or a huge source never buffers without bound. The CreateBackup token bucket paces the calls.</li>
 *   <li>At most one backup per table: a table named twice is backed up once and its repeat is SKIPPED.</li>
 *   <li>A CreateBackup whose answer was lost is never resent blindly: after a short pause, ListBackups is searched for
 *       the backup name from just before the first attempt (less a clock-skew allowance). Found: that is the result
 *       ({@link BackupOutcome#recovered()}). Not found: CreateBackup is tried again, a bounded number of times.</li>
 *   <li>BackupInUseException (an operation outside the job) is retried with backoff, then reported.</li>
 * </ul>
 */
final class BulkBackup {

    /** How far before the first attempt ListBackups looks: the client's and DynamoDB's clocks may disagree. */
    static final Duration CLOCK_SKEW_ALLOWANCE = Duration.ofMinutes(5);
    /** Pause before looking, so a request the server is still processing has time to be listed. */
    static final Duration LOOKUP_DELAY = Duration.ofSeconds(1);
    /** CreateBackup calls re-sent after an ambiguous outcome was looked up and not found. */
    static final int AMBIGUOUS_RESENDS = 3;
    static final Duration IN_USE_FIRST_DELAY = Duration.ofSeconds(1);
    static final Duration IN_USE_MAX_DELAY = Duration.ofSeconds(10);

    private final DynamoDbBackupClient client;
    private final CallExecutor executor;
    private final Scheduler scheduler;
    private final Clock wallClock;

    BulkBackup(DynamoDbBackupClient client, CallExecutor executor, Scheduler scheduler, Clock wallClock) {
        this.client = client;
        this.executor = executor;
        this.scheduler = scheduler;
        this.wallClock = wallClock;
    }

    Flux<BackupOutcome> run(Publisher<String> tables, BackupPlan plan) {
        return Flux.defer(() -> {
            Instant startedAt = plan.clock().instant();
            long deadlineAt = plan.deadline() == null ? Long.MAX_VALUE
                    : scheduler.now(TimeUnit.MILLISECONDS) + plan.deadline().toMillis();
            Set<String> seen = ConcurrentHashMap.newKeySet();
            return Flux.from(tables).flatMap(table -> {
                String name = plan.backupNameFor(table, startedAt);
                if (!seen.add(table)) {
                    return Mono.just(BackupOutcome.skipped(table, name, "duplicate of an earlier entry in the input"));
                }
                if (scheduler.now(TimeUnit.MILLISECONDS) > deadlineAt) {
                    return Mono.just(BackupOutcome.skipped(table, name,
                            "the job's deadline of " + plan.deadline() + " passed before the table was started"));
                }
                return backupOne(table, name, plan);
            }, plan.concurrency());
        });
    }

    private Mono<BackupOutcome> backupOne(String table, String name, BackupPlan plan) {
        long startedAt = scheduler.now(TimeUnit.MILLISECONDS);
        AtomicInteger attempts = new AtomicInteger();
        AtomicBoolean recovered = new AtomicBoolean();
        Instant lookFrom = wallClock.instant().minus(CLOCK_SKEW_ALLOWANCE);
        return Mono.fromSupplier(() -> new CreateBackupRequest(table, name))
                .flatMap(request -> createOnce(request, attempts, recovered, lookFrom))
                .retryWhen(Retry.backoff(plan.inUseRetries(), IN_USE_FIRST_DELAY).maxBackoff(IN_USE_MAX_DELAY)
                        .scheduler(scheduler).filter(BackupInUseException.class::isInstance)
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure()))
                .flatMap(details -> plan.waitForAvailable()
                        ? client.awaitAvailable(details.backupArn(), plan.availableTimeout())
                                .map(description -> description.backupDetails().orElse(details))
                        : Mono.just(details))
                .map(details -> BackupOutcome.created(table, details, attempts.get(), since(startedAt),
                        recovered.get()))
                .onErrorResume(e -> Mono.just(BackupOutcome.failed(table, name, e, attempts.get(),
                        since(startedAt))));
    }

    /** One CreateBackup; when its outcome is ambiguous, look for the backup before sending it again. */
    private Mono<BackupDetails> createOnce(CreateBackupRequest request, AtomicInteger attempts,
                                           AtomicBoolean recovered, Instant lookFrom) {
        return executor.execute(Operation.CREATE_BACKUP, request, request.tableName(),
                        cause -> new AmbiguousOutcomeException(request.tableName(), request.backupName(), cause),
                        attempts)
                .map(CreateBackupResponse::backupDetails)
                .onErrorResume(AmbiguousOutcomeException.class, ambiguous -> Mono.delay(LOOKUP_DELAY, scheduler)
                        .then(findExisting(request, lookFrom))
                        .doOnNext(found -> recovered.set(true))
                        .switchIfEmpty(Mono.error(ambiguous)))
                .retryWhen(Retry.max(AMBIGUOUS_RESENDS).filter(AmbiguousOutcomeException.class::isInstance)
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
    }

    private Mono<BackupDetails> findExisting(CreateBackupRequest request, Instant lookFrom) {
        return client.listBackups(ListBackupsRequest.builder().tableName(request.tableName())
                        .timeRangeLowerBound(lookFrom).backupType(BackupTypeFilter.USER).build())
                .filter(summary -> summary.backupName().filter(request.backupName()::equals).isPresent())
                .next()
                .flatMap(summary -> detailsOf(summary).map(Mono::just).orElseGet(() ->
                        client.describeBackup(summary.backupArn().orElseThrow())
                                .flatMap(description -> Mono.justOrEmpty(description.backupDetails()))));
    }

    /** The summary as details, when it carries every member BackupDetails requires. */
    private static Optional<BackupDetails> detailsOf(BackupSummary s) {
        if (s.backupArn().isEmpty() || s.backupName().isEmpty() || s.backupStatus().isEmpty()
                || s.backupType().isEmpty() || s.backupCreationDateTime().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new BackupDetails(s.backupArn().get(), s.backupName().get(), s.backupSizeBytes(),
                s.backupStatus().get(), s.backupType().get(), s.backupCreationDateTime().get(),
                s.backupExpiryDateTime()));
    }

    private Duration since(long startedAtMillis) {
        return Duration.ofMillis(scheduler.now(TimeUnit.MILLISECONDS) - startedAtMillis);
    }
}
