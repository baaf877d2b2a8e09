package io.github.ddbbackup.examples.webflux;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.github.ddbbackup.core.BackupDetails;
import io.github.ddbbackup.core.error.ErrorResponseException;
import io.github.ddbbackup.reactor.BackupOutcome;
import java.time.Duration;
import java.util.Optional;

/**
 * One table's outcome as the bulk endpoint sends it: {@link BackupOutcome} with its error reduced to what a caller
 * can act on, and its duration in milliseconds.
 *
 * @param table          the table as requested
 * @param status         CREATED, FAILED or SKIPPED
 * @param backupName     the backup name used (or that would have been)
 * @param details        the backup, when CREATED
 * @param error          why, when FAILED
 * @param skipReason     why, when SKIPPED
 * @param attempts       CreateBackup calls sent for the table
 * @param durationMillis from the table's start to its outcome
 * @param recovered      created by a call whose answer was lost, found afterwards with ListBackups
 * @param region         the table's region, with {@code ddb.backup.regions} (absent otherwise)
 */
@JsonPropertyOrder({"region", "table"})
record OutcomeEvent(Optional<String> region, String table, BackupOutcome.Status status, String backupName, Optional<BackupDetails> details,
                    Optional<Error> error, Optional<String> skipReason, int attempts, long durationMillis,
                    boolean recovered) {

    /**
     * @param code      DynamoDB's error code (e.g. TableNotFoundException) when its response named one, else the
     *                  exception's class (TransportException, ErrorResponseException.ServerError...)
     * @param message   the message
     * @param requestId DynamoDB's request id, when it sent one
     */
    record Error(String code, String message, Optional<String> requestId) {
        static Error of(Throwable error) {
            if (error instanceof ErrorResponseException e && e.errorCode() != null) {
                return new Error(e.errorCode(), e.errorMessage(), Optional.ofNullable(e.requestId()));
            }
            if (error instanceof ErrorResponseException e) {
                // No code to report: the category, as written in Java (ErrorResponseException.ServerError).
                String category = e.getClass().getName().substring(e.getClass().getPackageName().length() + 1);
                return new Error(category.replace('$', '.'), String.valueOf(e.getMessage()),
                        Optional.ofNullable(e.requestId()));
            }
            return new Error(error.getClass().getSimpleName(), String.valueOf(error.getMessage()), Optional.empty());
        }
    }

    /** A table the job never took: nothing was sent for it. */
    static BackupOutcome skipped(String table, String backupName, String reason) {
        return new BackupOutcome(table, BackupOutcome.Status.SKIPPED, backupName, Optional.empty(), Optional.empty(),
                Optional.of(reason), 0, Duration.ZERO, false, Optional.empty(), Optional.empty());
    }

    static OutcomeEvent of(BackupOutcome outcome, Optional<String> region) {
        return new OutcomeEvent(region, outcome.table(), outcome.status(), outcome.backupName(), outcome.details(),
                outcome.error().map(Error::of), outcome.skipReason(), outcome.attempts(),
                outcome.duration().toMillis(), outcome.recovered());
    }
}
