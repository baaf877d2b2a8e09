package io.github.ddbbackup.reactor;

import io.github.ddbbackup.core.error.AmbiguousOutcomeException;
import io.github.ddbbackup.core.error.TransportException;
import io.github.ddbbackup.core.error.BackupNotAvailableException;
import io.github.ddbbackup.core.BackupDescription;
import io.github.ddbbackup.core.BackupDetails;
import io.github.ddbbackup.core.BackupSummary;
import io.github.ddbbackup.core.CreateBackupRequest;
import io.github.ddbbackup.core.ContinuousBackupsDescription;
import io.github.ddbbackup.core.ListBackupsRequest;
import io.github.ddbbackup.core.RestoreRequest;
import io.github.ddbbackup.core.SourceTableFeatureDetails.TimeToLiveDescription;
import io.github.ddbbackup.core.TableDescription;
import io.github.ddbbackup.core.Tag;
import io.github.ddbbackup.core.TimeToLiveSpecification;
import io.github.ddbbackup.core.UpdateContinuousBackupsRequest.PointInTimeRecoverySpecification;
import java.time.Duration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A non-blocking client for DynamoDB's on-demand backup API.
 *
 * <p>Every method returns a cold publisher: nothing is sent before subscription, and every subscription is a fresh
 * call, freshly dated and signed. Cancelling a subscription cancels the HTTP exchange and frees its connection.
 * Requests are validated before anything is sent ({@link io.github.ddbbackup.core.RequestValidationException});
 * every failure of a call is a {@link io.github.ddbbackup.core.error.DynamoDbCallException}: an
 * {@link io.github.ddbbackup.core.error.ErrorResponseException} when DynamoDB answered with an error, a
 * {@link io.github.ddbbackup.core.error.ClientSideException} when no error response came.
 *
 * <pre>{@code
 * DynamoDbBackupClient client = DynamoDbBackupClient.builder().region("eu-west-1").build();
 * Mono<BackupDetails> backup = client.createBackup("orders", "orders-nightly");
 * }</pre>
 *
 * <p>Thread-safe; build one per application and close it at shutdown: {@link #closeLater()} (or {@link #close()}).
 */
public interface DynamoDbBackupClient extends AutoCloseable {

    /**
     * A builder with every option at its default.
     *
     * @return a new builder
     */
    static DynamoDbBackupClientBuilder builder() {
        return new DynamoDbBackupClientBuilder();
    }

    /**
     * Creates an on-demand backup of a table. Invalid input fails the {@code Mono} with
     * {@link io.github.ddbbackup.core.RequestValidationException} before anything is sent. CreateBackup has no
     * idempotency token: when the request may have reached DynamoDB but no usable answer came back, the {@code Mono}
     * fails with {@link AmbiguousOutcomeException} rather than sending it again (unless the builder's
     * {@code resolveAmbiguousCreateBackup} is on).
     *
     * @param tableName  a table name or table ARN
     * @param backupName 3..255 of {@code [a-zA-Z0-9_.-]}
     * @return the backup, usually still CREATING
     */
    Mono<BackupDetails> createBackup(String tableName, String backupName);

    /**
     * As {@link #createBackup(String, String)}, from a request built beforehand.
     *
     * @param request the table and the backup name
     * @return the backup, usually still CREATING
     */
    Mono<BackupDetails> createBackup(CreateBackupRequest request);

    /**
     * Describes a backup.
     *
     * @param backupArn the backup's ARN
     * @return the backup and its source table; fails with
     *         {@link io.github.ddbbackup.core.error.BackupNotFoundException} when there is no such backup
     */
    Mono<BackupDescription> describeBackup(String backupArn);

    /**
     * Deletes a backup.
     *
     * @param backupArn the backup's ARN
     * @return the backup as it was deleted
     */
    Mono<BackupDescription> deleteBackup(String backupArn);

    /**
     * Lists backups matching the request, following {@code LastEvaluatedBackupArn} page by page. A page is fetched
     * only when the subscriber has consumed the previous one and asks for more.
     *
     * @param request the filters and page size; its {@code exclusiveStartBackupArn}, if any, is where listing starts
     * @return every matching backup, page after page
     */
    Flux<BackupSummary> listBackups(ListBackupsRequest request);

    /**
     * Lists every table name of the account and region, fetching pages on demand.
     *
     * @return the table names, page after page
     */
    Flux<String> listTables();

    /**
     * Lists the resources the Resource Groups Tagging API's GetResources finds for the request (JSON 1.1, signed for
     * {@code tagging}, at {@code https://tagging.<region>.<dns suffix>} when the client talks to DynamoDB's regional
     * endpoint, else at the client's own endpoint), following {@code PaginationToken} page by page on demand; paced
     * by the client's rate limiter like DynamoDB's calls. Needs the IAM permission {@code tag:GetResources}; without
     * it the Flux errors with {@link io.github.ddbbackup.core.error.AccessDeniedException}.
     *
     * <p>For tables: {@code getResources(GetResourcesRequest.tables(List.of(TagFilter.of("backup", "daily"))))}
     * answers for up to 100 tables a call, where DynamoDB's ListTagsOfResource answers for one (and is limited to 10
     * calls per second).
     *
     * @param request the filters and page size; its {@code paginationToken}, if any, is where listing starts
     * @return each resource with its tags, page after page
     */
    Flux<io.github.ddbbackup.core.GetResourcesResponse.ResourceTagMapping> getResources(
            io.github.ddbbackup.core.GetResourcesRequest request);

    /**
     * Restores a backup to a new table (RestoreTableFromBackup). Invalid input fails the {@code Mono} with
     * {@link io.github.ddbbackup.core.RequestValidationException} before anything is sent. DynamoDB allows 50 restores
     * in progress at once per account: each restore takes one of this client's 50 places before it is sent and holds
     * it until its table is seen ACTIVE (a DescribeTable watch of its own), so the 51st waits, without a thread. A
     * restore is not idempotent: when the request may have reached DynamoDB but no usable answer came back,
     * DescribeTable on the target settles it before anything is resent (a target restored from this backup is the
     * result; no target: sent again); the {@code Mono} fails with {@link AmbiguousOutcomeException} only when that
     * look fails too. DynamoDB does not restore the source's tags, time to live, point-in-time recovery, stream
     * settings, auto scaling policies or alarms.
     *
     * @param request the target table, the backup and the overrides
     * @return the new table, CREATING; fails with {@link io.github.ddbbackup.core.error.TableAlreadyExistsException},
     *         {@link io.github.ddbbackup.core.error.BackupNotFoundException},
     *         {@link io.github.ddbbackup.core.error.BackupInUseException}, ...
     */
    Mono<TableDescription> restoreTableFromBackup(RestoreRequest request);

    /**
     * Polls DescribeTable, with backoff (1 s doubling to 20 s, on timers), until the table is ACTIVE, and emits its
     * description. A table not found at first is looked for again (DescribeTable is eventually consistent after a
     * table is created). Errors with {@link io.github.ddbbackup.core.error.TableNotActiveException} when the table
     * reaches a status other than CREATING or UPDATING, or after {@code timeout} (the table exists then).
     *
     * @param tableName a table name or table ARN
     * @param timeout   how long to poll in all
     * @return the table once it is ACTIVE
     */
    Mono<TableDescription> awaitTableActive(String tableName, Duration timeout);

    /**
     * Describes a table (DescribeTable).
     *
     * @param tableName a table name or table ARN
     * @return the table; fails with {@link io.github.ddbbackup.core.error.ResourceNotFoundException} when there is
     *         no such table
     */
    Mono<TableDescription> describeTable(String tableName);

    /**
     * Deletes a table (DeleteTable), with all its items.
     *
     * @param tableName a table name or table ARN
     * @return the table, DELETING
     */
    Mono<TableDescription> deleteTable(String tableName);

    /**
     * Lists a resource's tags (ListTagsOfResource), following {@code NextToken} page by page, on demand.
     *
     * @param resourceArn a table's ARN
     * @return every tag
     */
    Flux<Tag> listTagsOfResource(String resourceArn);

    /**
     * Adds tags to a resource, overwriting the values of keys it already has (TagResource).
     *
     * @param resourceArn a table's ARN
     * @param tags        at least one tag, keys unique
     * @return completes when DynamoDB has accepted them
     */
    Mono<Void> tagResource(String resourceArn, java.util.List<Tag> tags);

    /**
     * Removes tags from a resource (UntagResource).
     *
     * @param resourceArn a table's ARN
     * @param tagKeys     at least one key
     * @return completes when DynamoDB has accepted it
     */
    Mono<Void> untagResource(String resourceArn, java.util.List<String> tagKeys);

    /**
     * A table's time-to-live setting (DescribeTimeToLive).
     *
     * @param tableName a table name or table ARN
     * @return its status ({@code ENABLED}, {@code DISABLED}, ...) and attribute
     */
    Mono<TimeToLiveDescription> describeTimeToLive(String tableName);

    /**
     * Turns a table's time to live on or off (UpdateTimeToLive). DynamoDB refuses a second change within an hour.
     *
     * @param tableName     a table name or table ARN
     * @param specification on or off, and the attribute
     * @return the setting as applied
     */
    Mono<TimeToLiveSpecification> updateTimeToLive(String tableName, TimeToLiveSpecification specification);

    /**
     * A table's continuous backups and point-in-time recovery (DescribeContinuousBackups).
     *
     * @param tableName a table name or table ARN
     * @return the description; fails with {@link io.github.ddbbackup.core.error.TableNotFoundException} when there is
     *         no such table
     */
    Mono<ContinuousBackupsDescription> describeContinuousBackups(String tableName);

    /**
     * Turns a table's point-in-time recovery on or off (UpdateContinuousBackups).
     *
     * @param tableName     a table name or table ARN
     * @param specification on or off, and the recovery period
     * @return the description as updated
     */
    Mono<ContinuousBackupsDescription> updateContinuousBackups(String tableName,
                                                               PointInTimeRecoverySpecification specification);

    /**
     * Polls DescribeBackup, with backoff, until the backup is AVAILABLE, and emits its description. Errors with
     * {@link BackupNotAvailableException}: reason {@code NOT_CONFIRMED_IN_TIME} after {@code timeout} (the backup
     * exists; the message says so, with its ARN and the status last seen), or {@code DELETED} when the backup reaches
     * a status from which it will not become available. For many backups, {@link #backupAll} with a plan that waits
     * confirms them with ListBackups pages instead, one call for up to 100 backups.
     *
     * @param backupArn the backup's ARN
     * @param timeout   how long to poll in all
     * @return the backup's description once it is AVAILABLE
     */
    Mono<BackupDescription> awaitAvailable(String backupArn, Duration timeout);

    /**
     * Backs up many tables: one {@link BackupOutcome} per input table, emitted as each finishes; one table's failure
     * never errors the whole Flux. Duplicates are backed up once; tables are pulled only as the plan's concurrency
     * allows; CreateBackup calls are paced by the client's rate limiter; a CreateBackup whose answer was lost is looked
     * up with ListBackups before it is ever sent again, so no table gets two backups from one job.
     *
     * @param tables the tables (names or ARNs), pulled as the plan's concurrency allows
     * @param plan   the backup names, concurrency, waiting and deadline
     * @return one outcome per input table, in the order they finish; completes when every table has its outcome
     */
    default Flux<BackupOutcome> backupAll(org.reactivestreams.Publisher<String> tables, BackupPlan plan) {
        return backupAll(tables, plan, Mono.never());
    }

    /**
     * As {@link #backupAll(org.reactivestreams.Publisher, BackupPlan)}, until {@code stop} signals (an element or
     * completion; an application's shutdown or an operator's Ctrl-C): from then on no more tables are pulled, each
     * table pulled whose CreateBackup has not been sent yet (waiting for its permit) ends SKIPPED at once, and the
     * calls already sent run to their outcome, so none is left unknown. The Flux then completes. The plan's
     * {@link BackupPlan#deadline()} stops the job the same way.
     *
     * @param tables the tables (names or ARNs), pulled as the plan's concurrency allows
     * @param plan   the backup names, concurrency, waiting and deadline
     * @param stop   stops the job at its first signal; {@code Mono.never()} for none
     * @return one outcome per input table pulled, in the order they finish
     */
    Flux<BackupOutcome> backupAll(org.reactivestreams.Publisher<String> tables, BackupPlan plan,
                                  org.reactivestreams.Publisher<?> stop);

    /**
     * The AWS account id (12 digits) of this client's credentials, from one STS GetCallerIdentity call (AWS's Query
     * protocol, signed with the client's credentials for {@code sts}): at {@code https://sts.<region>.<dns suffix>}
     * when the client talks to DynamoDB's regional endpoint, else at the client's own endpoint (a local emulator
     * answers it). No permission is needed: STS answers it for any valid credentials. Not rate-limited, not retried;
     * each subscription is one call. Errors with {@link TransportException} when no answer came, with the
     * {@link io.github.ddbbackup.core.error.ErrorResponseException} of STS's error code when STS refused (e.g.
     * {@code InvalidClientTokenId}, an {@code AuthRefused}), or with a
     * {@link io.github.ddbbackup.core.error.MalformedResponseException} when its answer names no account.
     */
    Mono<String> callerAccountId();

    /**
     * Resolves this client's credentials as its next call would (from its cache while they are fresh), calling no AWS
     * API of its own: completes empty when a call could be signed, errors with
     * {@link io.github.ddbbackup.core.error.CredentialsUnavailableException} (naming where credentials were looked
     * for) when not. The provider may itself ask a service (SSO, instance metadata) when its credentials expire. For
     * health checks.
     */
    Mono<Void> checkCredentials();

    /** Where this client's requests go, as resolved when it was built. */
    java.net.URI endpoint();

    /** The AWS region requests are signed for. */
    String region();

    /**
     * Releases what this client created, and only that: its own connection pool with its connections (unless
     * {@link DynamoDbBackupClientBuilder#httpClient} or {@link DynamoDbBackupClientBuilder#connectionProvider} was
     * given), and the AWS SDK's default credentials provider (unless
     * {@link DynamoDbBackupClientBuilder#credentialsProvider} was given). Everything it was given, and the event loops
     * (Reactor Netty's shared ones, or those of the given {@code HttpClient}), are left alone. Nothing is released
     * until subscription; the Mono completes once everything is released. Do not use the client afterwards.
     *
     * <p>Safe to subscribe to more than once, and to call after {@link #close()}: the release happens once, and every
     * subscriber is told when it is done. As Reactor Netty's {@code disposeLater} and Lettuce's
     * {@code shutdownAsync}.
     */
    Mono<Void> closeLater();

    /**
     * Starts {@link #closeLater()} and returns at once: it never blocks, so it may be called on an event loop. To
     * know when the release is done, use {@code closeLater()}. Safe to call more than once.
     */
    @Override
    void close();
}
