package io.github.ddbbackup.reactor;

import io.github.ddbbackup.core.BackupDetails;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened to one table of a {@link DynamoDbBackupClient#backupAll} job.
 *
 * @param table      the table as given
 * @param status     CREATED, FAILED or SKIPPED
 * @param backupName the backup name used (or that would have been used)
 * @param details    the backup, when CREATED
 * @param error      the error, when FAILED
 * @param skipReason why, when SKIPPED
 * @param attempts   CreateBackup attempts sent for this table
 * @param duration   from the table's start to its outcome
 * @param recovered  CREATED by a call whose answer was lost, and found afterwards with ListBackups
 */
public record BackupOutcome(String table, Status status, String backupName, Optional<BackupDetails> details,
                            Optional<Throwable> error, Optional<String> skipReason, int attempts, Duration duration,
                            boolean recovered) {

    /** The three ends of a table's backup. */
    public enum Status { CREATED, FAILED, SKIPPED }

    /** Checks that every member is present (the optional ones as {@code Optional}s). */
    public BackupOutcome {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(details, "details");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(skipReason, "skipReason");
        Objects.requireNonNull(duration, "duration");
    }

    static BackupOutcome created(String table, BackupDetails details, int attempts, Duration duration,
                                 boolean recovered) {
        return new BackupOutcome(table, Status.CREATED, details.backupName(), Optional.of(details), Optional.empty(),
                Optional.empty(), attempts, duration, recovered);
    }

    static BackupOutcome failed(String table, String backupName, Throwable error, int attempts, Duration duration) {
        return new BackupOutcome(table, Status.FAILED, backupName, Optional.empty(), Optional.of(error),
                Optional.empty(), attempts, duration, false);
    }

    static BackupOutcome skipped(String table, String backupName, String reason) {
        return new BackupOutcome(table, Status.SKIPPED, backupName, Optional.empty(), Optional.empty(),
                Optional.of(reason), 0, Duration.ZERO, false);
    }
}
