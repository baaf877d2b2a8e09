package io.github.ddbbackup.reactor;

import io.github.ddbbackup.core.error.AmbiguousOutcomeException;
import io.github.ddbbackup.core.BackupDetails;
import io.github.ddbbackup.core.CreateBackupRequest;
import io.github.ddbbackup.core.CreateBackupResponse;
import io.github.ddbbackup.core.Operation;
import io.github.ddbbackup.core.error.BackupInUseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.reactivestreams.Publisher;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.util.retry.Retry;

/**
 * The fan-out behind {@link DynamoDbBackupClient#backupAll}: one outcome per input table, as each finishes.
 *
 * <ul>
 *   <li>At most {@code concurrency} tables in flight; tables are pulled from the source only as slots free up, so a
 *       slow consumer or a huge source never buffers without bound. The CreateBackup token bucket paces the calls.</li>
 *   <li>At most one backup per table: a table named twice is backed up once and its repeat is SKIPPED.</li>
 *   <li>A CreateBackup whose answer was lost is never resent blindly: {@link AmbiguityResolver} looks for it with
 *       ListBackups first ({@link BackupOutcome#recovered()} when found).</li>
 *   <li>BackupInUseException (an operation outside the job) is retried with backoff, then reported.</li>
 *   <li>When the plan waits, a created backup leaves its slot at once and is handed to the job's one
 *       {@link AvailabilityWatcher}: waiting never holds back creating.</li>
 *   <li>A stop signal cuts the source; it and the plan's deadline call off every table not sent yet (SKIPPED,
 *       nothing sent), while calls already sent run to their outcome.</li>
 * </ul>
 */
final class BulkBackup {

    static final Duration IN_USE_FIRST_DELAY = Duration.ofSeconds(1);
    static final Duration IN_USE_MAX_DELAY = Duration.ofSeconds(10);
    static final String STOPPED = "the job was stopped before the table's CreateBackup was sent";

    private final DynamoDbBackupClient client;
    private final CallExecutor executor;
    private final AmbiguityResolver ambiguity;
    private final Scheduler scheduler;

    BulkBackup(DynamoDbBackupClient client, CallExecutor executor, AmbiguityResolver ambiguity, Scheduler scheduler) {
        this.client = client;
        this.executor = executor;
        this.ambiguity = ambiguity;
        this.scheduler = scheduler;
    }

    Flux<BackupOutcome> run(Publisher<String> tables, BackupPlan plan, Publisher<?> stop) {
        return Flux.defer(() -> {
            Instant startedAt = plan.clock().instant();
            // Stopping cuts the source; stopping or the deadline calls off every table not sent yet: those waiting
            // for a permit, and (after the deadline) those pulled later.
            Sinks.One<String> stopped = Sinks.one();
            Sinks.One<String> calledOff = Sinks.one();
            Disposable triggers = Disposables.composite(
                    Flux.from(stop).next().onErrorComplete().thenReturn(STOPPED).subscribe(reason -> {
                        // Cut the source first: each table called off frees a place that would pull the next.
                        stopped.tryEmitValue(reason);
                        calledOff.tryEmitValue(reason);
                    }),
                    plan.deadline() == null ? Disposables.disposed()
                            : Mono.delay(plan.deadline(), scheduler).subscribe(
                                    tick -> calledOff.tryEmitValue(deadlinePassed(plan))));
            Set<String> seen = ConcurrentHashMap.newKeySet();
            // This job's tables taken from the source and not finished yet: the watcher's in-flight gauge.
            AtomicInteger inFlight = new AtomicInteger();
            Flux<BackupOutcome> created = Flux.from(tables).takeUntilOther(stopped.asMono()).flatMap(table -> {
                inFlight(inFlight, 1);
                String name = plan.backupNameFor(table, startedAt);
                if (!seen.add(table)) {
                    return Mono.just(BackupOutcome.skipped(table, name, "duplicate of an earlier entry in the input"));
                }
                return backupOne(table, name, plan, calledOff.asMono());
            }, plan.concurrency());
            if (!plan.waitForAvailable()) {
                return watched(created, inFlight).doFinally(signal -> triggers.dispose());
            }
            AvailabilityWatcher watcher = new AvailabilityWatcher(client, scheduler, plan.clock(),
                    plan.availableTimeout());
            // Unbounded: a table waiting here holds no CreateBackup slot, only its entry in the watcher.
            return watched(created.flatMap(outcome -> confirm(outcome, watcher), Integer.MAX_VALUE), inFlight)
                    .doFinally(signal -> {
                        triggers.dispose();
                        watcher.stop();
                    });
        });
    }

    /** Tells the client's watcher each final outcome; a job ended early takes its unfinished tables off in flight. */
    private Flux<BackupOutcome> watched(Flux<BackupOutcome> outcomes, AtomicInteger inFlight) {
        ClientEvents events = executor.events();
        return events == ClientEvents.NONE ? outcomes : outcomes
                .doOnNext(outcome -> {
                    events.bulkTableFinished(outcome.status());
                    inFlight(inFlight, -1);
                })
                .doFinally(signal -> events.bulkInFlight(-inFlight.getAndSet(0)));
    }

    private void inFlight(AtomicInteger inFlight, int delta) {
        inFlight.addAndGet(delta);
        executor.events().bulkInFlight(delta);
    }

    private Mono<BackupOutcome> confirm(BackupOutcome outcome, AvailabilityWatcher watcher) {
        if (outcome.status() != BackupOutcome.Status.CREATED || outcome.details().isEmpty()) {
            return Mono.just(outcome);
        }
        long since = scheduler.now(TimeUnit.MILLISECONDS);
        return watcher.watch(outcome.table(), outcome.details().get())
                .map(confirmed -> outcome.available(confirmed.details(), confirmed.seenAt(), since(since)))
                .onErrorResume(e -> Mono.just(outcome.notConfirmed(e, since(since))));
    }

    private static String deadlinePassed(BackupPlan plan) {
        return "the job's deadline of " + plan.deadline() + " passed before the table was started";
    }

    private Mono<BackupOutcome> backupOne(String table, String name, BackupPlan plan, Mono<String> calledOff) {
        long startedAt = scheduler.now(TimeUnit.MILLISECONDS);
        AtomicInteger attempts = new AtomicInteger();
        AtomicBoolean recovered = new AtomicBoolean();
        return Mono.fromSupplier(() -> new CreateBackupRequest(table, name))
                .flatMap(request -> createOnce(request, attempts, recovered, calledOff))
                .retryWhen(Retry.backoff(plan.inUseRetries(), IN_USE_FIRST_DELAY).maxBackoff(IN_USE_MAX_DELAY)
                        .scheduler(scheduler).filter(BackupInUseException.class::isInstance)
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure()))
                .map(details -> BackupOutcome.created(table, details, attempts.get(), since(startedAt),
                        recovered.get(), plan.clock().instant()))
                .onErrorResume(e -> Mono.just(e instanceof CalledOffException
                        ? BackupOutcome.skipped(table, name, Objects.requireNonNull(e.getMessage()))
                        : BackupOutcome.failed(table, name, e, attempts.get(), since(startedAt))));
    }

    private Mono<BackupDetails> createOnce(CreateBackupRequest request, AtomicInteger attempts,
                                           AtomicBoolean recovered, Mono<String> calledOff) {
        return ambiguity.createOnce(request, () -> executor.execute(Operation.CREATE_BACKUP, request,
                        request.tableName(),
                        cause -> new AmbiguousOutcomeException(request.tableName(), request.backupName(), cause),
                        attempts, calledOff).map(CreateBackupResponse::backupDetails),
                () -> recovered.set(true));
    }

    private Duration since(long startedAtMillis) {
        return Duration.ofMillis(scheduler.now(TimeUnit.MILLISECONDS) - startedAtMillis);
    }
}
