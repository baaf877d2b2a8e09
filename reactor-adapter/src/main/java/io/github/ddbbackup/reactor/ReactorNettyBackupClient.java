package io.github.ddbbackup.reactor;

import io.github.ddbbackup.core.error.BackupNotAvailableException;
import io.github.ddbbackup.core.error.AmbiguousOutcomeException;
import io.github.ddbbackup.core.BackupDescription;
import io.github.ddbbackup.core.BackupDetails;
import io.github.ddbbackup.core.BackupStatus;
import io.github.ddbbackup.core.BackupSummary;
import io.github.ddbbackup.core.CreateBackupRequest;
import io.github.ddbbackup.core.CreateBackupResponse;
import io.github.ddbbackup.core.DeleteBackupRequest;
import io.github.ddbbackup.core.DeleteBackupResponse;
import io.github.ddbbackup.core.DescribeBackupRequest;
import io.github.ddbbackup.core.DescribeBackupResponse;
import io.github.ddbbackup.core.ListBackupsRequest;
import io.github.ddbbackup.core.ListBackupsResponse;
import io.github.ddbbackup.core.ListTablesRequest;
import io.github.ddbbackup.core.ListTablesResponse;
import io.github.ddbbackup.core.Operation;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.util.retry.Retry;

/** The client over Reactor Netty: each operation is one {@link CallExecutor} call; listings are paged on demand. */
final class ReactorNettyBackupClient implements DynamoDbBackupClient {

    private static final Logger log = LoggerFactory.getLogger(ReactorNettyBackupClient.class);

    /** First delay between DescribeBackup polls of {@link #awaitAvailable}; doubled up to {@link #POLL_MAX}. */
    static final Duration POLL_FIRST = Duration.ofSeconds(1);
    static final Duration POLL_MAX = Duration.ofSeconds(20);

    private final CallExecutor executor;
    private final Scheduler scheduler;
    private final OwnedResources ownedResources;
    private final BulkBackup bulk;
    private final AmbiguityResolver ambiguity;
    private final boolean resolveAmbiguousCreates;
    private final @Nullable CallerAccount callerAccount;

    /**
     * {@code wallClock}: where the ambiguity resolver's ListBackups look-back starts from; {@code callerAccount}: STS
     * for {@link #callerAccountId()}, or null for none (a client over a test transport).
     */
    ReactorNettyBackupClient(CallExecutor executor, Scheduler scheduler, OwnedResources ownedResources,
                             boolean resolveAmbiguousCreates, Clock wallClock, @Nullable CallerAccount callerAccount) {
        this.callerAccount = callerAccount;
        this.executor = executor;
        this.scheduler = scheduler;
        this.ownedResources = ownedResources;
        this.resolveAmbiguousCreates = resolveAmbiguousCreates;
        this.ambiguity = new AmbiguityResolver(this, scheduler, wallClock, executor.events());
        this.bulk = new BulkBackup(this, executor, ambiguity, scheduler);
    }

    @Override
    public Flux<BackupOutcome> backupAll(org.reactivestreams.Publisher<String> tables, BackupPlan plan,
                                         org.reactivestreams.Publisher<?> stop) {
        Objects.requireNonNull(tables, "tables");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(stop, "stop");
        return bulk.run(tables, plan, stop);
    }

    @Override
    public Mono<BackupDetails> createBackup(String tableName, String backupName) {
        return Mono.fromSupplier(() -> new CreateBackupRequest(tableName, backupName)).flatMap(this::createBackup);
    }

    @Override
    public Mono<BackupDetails> createBackup(CreateBackupRequest request) {
        Objects.requireNonNull(request, "request");
        Mono<BackupDetails> once = executor.execute(Operation.CREATE_BACKUP, request, request.tableName(),
                        cause -> new AmbiguousOutcomeException(request.tableName(), request.backupName(), cause))
                .map(CreateBackupResponse::backupDetails);
        return resolveAmbiguousCreates ? ambiguity.createOnce(request, () -> once, () -> { }) : once;
    }

    @Override
    public Mono<BackupDescription> describeBackup(String backupArn) {
        return Mono.fromSupplier(() -> new DescribeBackupRequest(backupArn))
                .flatMap(request -> executor.execute(Operation.DESCRIBE_BACKUP, request, backupArn, null))
                .map(DescribeBackupResponse::backupDescription);
    }

    @Override
    public Mono<BackupDescription> deleteBackup(String backupArn) {
        return Mono.fromSupplier(() -> new DeleteBackupRequest(backupArn))
                .flatMap(request -> executor.execute(Operation.DELETE_BACKUP, request, backupArn, null))
                .map(DeleteBackupResponse::backupDescription);
    }

    @Override
    public Flux<BackupSummary> listBackups(ListBackupsRequest request) {
        Objects.requireNonNull(request, "request");
        return OnDemandPages.items(request,
                page -> executor.execute(Operation.LIST_BACKUPS, page, String.valueOf(page.tableName()), null),
                (page, response) -> response.lastEvaluatedBackupArn().map(page::nextPage),
                ListBackupsResponse::backupSummaries);
    }

    @Override
    public Flux<String> listTables() {
        return OnDemandPages.items(ListTablesRequest.firstPage(),
                page -> executor.execute(Operation.LIST_TABLES, page, "-", null),
                (page, response) -> response.lastEvaluatedTableName()
                        .map(last -> new ListTablesRequest(last, page.limit())),
                ListTablesResponse::tableNames);
    }

    @Override
    public Mono<BackupDescription> awaitAvailable(String backupArn, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        return Mono.defer(() -> {
            AtomicReference<BackupStatus> lastSeen = new AtomicReference<>();
            AtomicReference<Throwable> lastError = new AtomicReference<>();
            return describeBackup(backupArn)
                    .doOnError(lastError::set)
                    .flatMap(description -> {
                        lastError.set(null);
                        BackupStatus status = description.backupDetails().map(BackupDetails::backupStatus)
                                .orElse(null);
                        lastSeen.set(status);
                        if (BackupStatus.AVAILABLE.equals(status)) {
                            return Mono.just(description);
                        }
                        if (BackupStatus.DELETED.equals(status)) {
                            return Mono.error(new BackupNotAvailableException(backupArn, BackupStatus.DELETED));
                        }
                        return Mono.error(new StillCreating());
                    })
                    .retryWhen(Retry.backoff(Long.MAX_VALUE, POLL_FIRST).maxBackoff(POLL_MAX).jitter(0.2)
                            .scheduler(scheduler).filter(StillCreating.class::isInstance))
                    // Said plainly, not as Reactor's "Did not observe any item...": the backup exists.
                    .timeout(timeout, Mono.error(() -> BackupNotAvailableException.notConfirmedInTime(backupArn,
                            lastSeen.get(), timeout, lastError.get())), scheduler);
        });
    }

    @Override
    public Mono<String> callerAccountId() {
        return callerAccount != null ? callerAccount.accountId()
                : Mono.error(new IllegalStateException("this client was built without STS"));
    }

    @Override
    public Mono<Void> checkCredentials() {
        return executor.credentialsResolved();
    }

    @Override
    public java.net.URI endpoint() {
        return executor.endpoint();
    }

    @Override
    public String region() {
        return executor.region();
    }

    @Override
    public String toString() {
        return "DynamoDbBackupClient[endpoint=" + endpoint() + ", region=" + region() + "]";
    }

    @Override
    public Mono<Void> closeLater() {
        return ownedResources.release();
    }

    @Override
    public void close() {
        closeLater().subscribe(null, error -> log.warn("Releasing {} failed", this, error));
    }

    /** A backup still CREATING: poll again. Never escapes {@link #awaitAvailable}. */
    private static final class StillCreating extends RuntimeException {
        StillCreating() {
            super("backup still CREATING", null, false, false);
        }
    }
}
