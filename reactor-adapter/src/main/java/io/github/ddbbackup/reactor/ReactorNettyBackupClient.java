package io.github.ddbbackup.reactor;

import io.github.ddbbackup.core.error.BackupNotAvailableException;
import io.github.ddbbackup.core.error.AmbiguousOutcomeException;
import io.github.ddbbackup.core.error.ResourceNotFoundException;
import io.github.ddbbackup.core.error.TableNotActiveException;
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
import io.github.ddbbackup.core.GetResourcesRequest;
import io.github.ddbbackup.core.GetResourcesResponse;
import io.github.ddbbackup.core.GetResourcesResponse.ResourceTagMapping;
import io.github.ddbbackup.core.ListTablesRequest;
import io.github.ddbbackup.core.ListTablesResponse;
import io.github.ddbbackup.core.ContinuousBackupsDescription;
import io.github.ddbbackup.core.DeleteTableResponse;
import io.github.ddbbackup.core.DescribeContinuousBackupsResponse;
import io.github.ddbbackup.core.DescribeTableResponse;
import io.github.ddbbackup.core.DescribeTimeToLiveResponse;
import io.github.ddbbackup.core.ListTagsOfResourceRequest;
import io.github.ddbbackup.core.ListTagsOfResourceResponse;
import io.github.ddbbackup.core.Operation;
import io.github.ddbbackup.core.RestoreRequest;
import io.github.ddbbackup.core.RestoreTableFromBackupResponse;
import io.github.ddbbackup.core.SourceTableFeatureDetails.TimeToLiveDescription;
import io.github.ddbbackup.core.TableDescription;
import io.github.ddbbackup.core.TableNameRequest;
import io.github.ddbbackup.core.Tag;
import io.github.ddbbackup.core.TagResourceRequest;
import io.github.ddbbackup.core.TimeToLiveSpecification;
import io.github.ddbbackup.core.UntagResourceRequest;
import io.github.ddbbackup.core.UpdateContinuousBackupsRequest;
import io.github.ddbbackup.core.UpdateContinuousBackupsRequest.PointInTimeRecoverySpecification;
import io.github.ddbbackup.core.UpdateContinuousBackupsResponse;
import io.github.ddbbackup.core.UpdateTimeToLiveRequest;
import io.github.ddbbackup.core.UpdateTimeToLiveResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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
    /** How long a restore's slot is held at most while its table is not seen ACTIVE: a big table takes hours. */
    static final Duration RESTORE_SLOT_HOLD_MAX = Duration.ofHours(24);
    /** The statuses from which a table becomes ACTIVE by itself; in any other, waiting is over. */
    static final java.util.Set<String> TABLE_STATUSES_ON_THE_WAY = java.util.Set.of("CREATING", "UPDATING");

    private final CallExecutor executor;
    /** The Resource Groups Tagging API's calls: signed for {@code tagging}, JSON 1.1, at its endpoint. */
    private final CallExecutor tagging;
    private final Scheduler scheduler;
    private final OwnedResources ownedResources;
    private final BulkBackup bulk;
    private final AmbiguityResolver ambiguity;
    private final boolean resolveAmbiguousCreates;
    private final @Nullable CallerAccount callerAccount;
    private final RestoreSlots restoreSlots = new RestoreSlots(RestoreSlots.DYNAMODB_LIMIT);
    private final RestoreResolver restoreResolver = new RestoreResolver(this::describeTable);

    /**
     * {@code wallClock}: where the ambiguity resolver's ListBackups look-back starts from; {@code callerAccount}: STS
     * for {@link #callerAccountId()}, or null for none (a client over a test transport).
     */
    ReactorNettyBackupClient(CallExecutor executor, CallExecutor tagging, Scheduler scheduler,
                             OwnedResources ownedResources, boolean resolveAmbiguousCreates, Clock wallClock,
                             @Nullable CallerAccount callerAccount) {
        this.callerAccount = callerAccount;
        this.executor = executor;
        this.tagging = tagging;
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
    public Flux<ResourceTagMapping> getResources(GetResourcesRequest request) {
        Objects.requireNonNull(request, "request");
        return OnDemandPages.items(request,
                page -> tagging.execute(Operation.GET_RESOURCES, page, "-", null),
                (page, response) -> response.nextPaginationToken().map(page::nextPage),
                GetResourcesResponse::resourceTagMappingList);
    }

    @Override
    public Mono<TableDescription> restoreTableFromBackup(RestoreRequest request) {
        Objects.requireNonNull(request, "request");
        Mono<TableDescription> once = executor.execute(Operation.RESTORE_TABLE_FROM_BACKUP, request,
                        request.targetTableName(),
                        cause -> AmbiguousOutcomeException.restore(request.targetTableName(), request.backupArn(), cause))
                .map(RestoreTableFromBackupResponse::tableDescription);
        return restoreSlots.take().flatMap(slot -> restoreResolver.restore(request, () -> once)
                .doOnNext(table -> holdUntilActive(table, slot))
                .doOnError(failed -> slot.release())
                .doOnCancel(slot::release));
    }

    /**
     * Keeps a restore's slot until its table is seen ACTIVE, by a DescribeTable watch of its own (a caller may never
     * wait for the table); any end of the watch gives the slot back.
     */
    private void holdUntilActive(TableDescription table, RestoreSlots.Slot slot) {
        if (table.isActive()) {
            slot.release();
            return;
        }
        awaitTableActive(table.tableName(), RESTORE_SLOT_HOLD_MAX)
                .doFinally(signal -> slot.release())
                .subscribe(active -> { }, notSeen -> log.debug("Restored table {} was not seen ACTIVE: {}",
                        table.tableName(), notSeen.toString()));
    }

    @Override
    public Mono<TableDescription> awaitTableActive(String tableName, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        return Mono.defer(() -> {
            AtomicReference<String> lastSeen = new AtomicReference<>();
            AtomicReference<Throwable> lastError = new AtomicReference<>();
            return describeTable(tableName)
                    // DescribeTable is eventually consistent: a table just created may not be found yet.
                    .onErrorMap(ResourceNotFoundException.class, notYet -> lastSeen.get() == null
                            ? new StillCreating() : notYet)
                    .doOnError(error -> lastError.set(error instanceof StillCreating ? null : error))
                    .flatMap(table -> {
                        lastError.set(null);
                        String status = table.tableStatus().orElse(null);
                        lastSeen.set(status);
                        if (table.isActive()) {
                            return Mono.just(table);
                        }
                        if (status != null && !TABLE_STATUSES_ON_THE_WAY.contains(status)) {
                            return Mono.error(TableNotActiveException.inStatus(tableName, status));
                        }
                        return Mono.error(new StillCreating());
                    })
                    .retryWhen(Retry.backoff(Long.MAX_VALUE, POLL_FIRST).maxBackoff(POLL_MAX).jitter(0.2)
                            .scheduler(scheduler).filter(StillCreating.class::isInstance))
                    .timeout(timeout, Mono.error(() -> TableNotActiveException.notActiveInTime(tableName,
                            lastSeen.get(), timeout, lastError.get())), scheduler);
        });
    }

    @Override
    public Mono<TableDescription> describeTable(String tableName) {
        return Mono.fromSupplier(() -> new TableNameRequest(tableName))
                .flatMap(request -> executor.execute(Operation.DESCRIBE_TABLE, request, tableName, null))
                .map(DescribeTableResponse::table);
    }

    @Override
    public Mono<TableDescription> deleteTable(String tableName) {
        return Mono.fromSupplier(() -> new TableNameRequest(tableName))
                .flatMap(request -> executor.execute(Operation.DELETE_TABLE, request, tableName, null))
                .map(DeleteTableResponse::tableDescription);
    }

    @Override
    public Flux<Tag> listTagsOfResource(String resourceArn) {
        return Mono.fromSupplier(() -> ListTagsOfResourceRequest.firstPage(resourceArn))
                .flatMapMany(first -> OnDemandPages.items(first,
                        page -> executor.execute(Operation.LIST_TAGS_OF_RESOURCE, page, resourceArn, null),
                        (page, response) -> response.nextToken()
                                .map(token -> new ListTagsOfResourceRequest(resourceArn, token)),
                        ListTagsOfResourceResponse::tags));
    }

    @Override
    public Mono<Void> tagResource(String resourceArn, List<Tag> tags) {
        return Mono.fromSupplier(() -> new TagResourceRequest(resourceArn, tags))
                .flatMap(request -> executor.execute(Operation.TAG_RESOURCE, request, resourceArn, null))
                .then();
    }

    @Override
    public Mono<Void> untagResource(String resourceArn, List<String> tagKeys) {
        return Mono.fromSupplier(() -> new UntagResourceRequest(resourceArn, tagKeys))
                .flatMap(request -> executor.execute(Operation.UNTAG_RESOURCE, request, resourceArn, null))
                .then();
    }

    @Override
    public Mono<TimeToLiveDescription> describeTimeToLive(String tableName) {
        return Mono.fromSupplier(() -> new TableNameRequest(tableName))
                .flatMap(request -> executor.execute(Operation.DESCRIBE_TIME_TO_LIVE, request, tableName, null))
                .map(DescribeTimeToLiveResponse::timeToLiveDescription);
    }

    @Override
    public Mono<TimeToLiveSpecification> updateTimeToLive(String tableName, TimeToLiveSpecification specification) {
        return Mono.fromSupplier(() -> new UpdateTimeToLiveRequest(tableName, specification))
                .flatMap(request -> executor.execute(Operation.UPDATE_TIME_TO_LIVE, request, tableName, null))
                .map(UpdateTimeToLiveResponse::timeToLiveSpecification);
    }

    @Override
    public Mono<ContinuousBackupsDescription> describeContinuousBackups(String tableName) {
        return Mono.fromSupplier(() -> new TableNameRequest(tableName))
                .flatMap(request -> executor.execute(Operation.DESCRIBE_CONTINUOUS_BACKUPS, request, tableName, null))
                .map(DescribeContinuousBackupsResponse::continuousBackupsDescription);
    }

    @Override
    public Mono<ContinuousBackupsDescription> updateContinuousBackups(String tableName,
                                                                      PointInTimeRecoverySpecification specification) {
        return Mono.fromSupplier(() -> new UpdateContinuousBackupsRequest(tableName, specification))
                .flatMap(request -> executor.execute(Operation.UPDATE_CONTINUOUS_BACKUPS, request, tableName, null))
                .map(UpdateContinuousBackupsResponse::continuousBackupsDescription);
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

    /** A backup or table still CREATING: poll again. Never escapes {@link #awaitAvailable}, {@link #awaitTableActive}. */
    private static final class StillCreating extends RuntimeException {
        StillCreating() {
            super("still CREATING", null, false, false);
        }
    }

    /** The restore slots, for tests: how many are taken, and the most ever taken at once. */
    RestoreSlots restoreSlots() {
        return restoreSlots;
    }
}
