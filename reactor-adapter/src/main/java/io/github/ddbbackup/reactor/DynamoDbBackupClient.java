package io.github.ddbbackup.reactor;

import io.github.ddbbackup.core.error.BackupNotAvailableException;
import io.github.ddbbackup.core.BackupDescription;
import io.github.ddbbackup.core.BackupDetails;
import io.github.ddbbackup.core.BackupSummary;
import io.github.ddbbackup.core.CreateBackupRequest;
import io.github.ddbbackup.core.ListBackupsRequest;
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
 * <p>Thread-safe; build one per application and {@link #close()} it at shutdown.
 */
public interface DynamoDbBackupClient extends AutoCloseable {

    /** A builder with every option at its default. */
    static DynamoDbBackupClientBuilder builder() {
        return new DynamoDbBackupClientBuilder();
    }

    /** Creates an on-demand backup of a table (a name or a table ARN). */
    Mono<BackupDetails> createBackup(String tableName, String backupName);

    /** Creates an on-demand backup. */
    Mono<BackupDetails> createBackup(CreateBackupRequest request);

    /** Describes a backup. */
    Mono<BackupDescription> describeBackup(String backupArn);

    /** Deletes a backup, returning its description as it was deleted. */
    Mono<BackupDescription> deleteBackup(String backupArn);

    /**
     * Lists backups matching the request, following {@code LastEvaluatedBackupArn} page by page. A page is fetched
     * only when the subscriber has consumed the previous one and asks for more.
     */
    Flux<BackupSummary> listBackups(ListBackupsRequest request);

    /** Lists every table name of the account and region, fetching pages on demand. */
    Flux<String> listTables();

    /**
     * Polls DescribeBackup, with backoff, until the backup is AVAILABLE, and emits its description. Errors with
     * {@link java.util.concurrent.TimeoutException} after {@code timeout}, or with {@link BackupNotAvailableException}
     * when the backup reaches a status from which it will not become available (DELETED).
     */
    Mono<BackupDescription> awaitAvailable(String backupArn, Duration timeout);

    /**
     * Backs up many tables: one {@link BackupOutcome} per input table, emitted as each finishes; one table's failure
     * never errors the whole Flux. Duplicates are backed up once; tables are pulled only as the plan's concurrency
     * allows; CreateBackup calls are paced by the client's rate limiter; a CreateBackup whose answer was lost is looked
     * up with ListBackups before it is ever sent again, so no table gets two backups from one job.
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
     */
    Flux<BackupOutcome> backupAll(org.reactivestreams.Publisher<String> tables, BackupPlan plan,
                                  org.reactivestreams.Publisher<?> stop);

    /** Where this client's requests go, as resolved when it was built. */
    java.net.URI endpoint();

    /** The AWS region requests are signed for. */
    String region();

    /** Releases what this client created (its connection pool and event loops); shared resources are left alone. */
    @Override
    void close();
}
