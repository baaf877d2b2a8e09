package io.github.ddbbackup.reactor;

import io.github.ddbbackup.core.BackupDetails;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened to one table of a {@link DynamoDbBackupClient#backupAll} job.
 *
 * @param table      the table as given
 * @param status     CREATED, FAILED or SKIPPED
 * @param backupName the backup name used (or that would have been used)
 * @param details    the backup, when CREATED; also when FAILED after it was created (the plan waited, and the
 *                   backup was not confirmed AVAILABLE: see the error)
 * @param error      the error, when FAILED
 * @param skipReason why, when SKIPPED
 * @param attempts   CreateBackup attempts sent for this table
 * @param duration   from the table's start to its outcome
 * @param recovered  CREATED by a call whose answer was lost, and found afterwards with ListBackups
 * @param createdAt  when the job had CreateBackup's answer (the plan's clock), once the backup exists
 * @param availableAt when the job saw the backup AVAILABLE (the plan's clock), when the plan waits and it did
 */
public record BackupOutcome(String table, Status status, String backupName, Optional<BackupDetails> details,
                            Optional<Throwable> error, Optional<String> skipReason, int attempts, Duration duration,
                            boolean recovered, Optional<Instant> createdAt, Optional<Instant> availableAt) {

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
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(availableAt, "availableAt");
    }

    static BackupOutcome created(String table, BackupDetails details, int attempts, Duration duration,
                                 boolean recovered, Instant createdAt) {
        return new BackupOutcome(table, Status.CREATED, details.backupName(), Optional.of(details), Optional.empty(),
                Optional.empty(), attempts, duration, recovered, Optional.of(createdAt), Optional.empty());
    }

    static BackupOutcome failed(String table, String backupName, Throwable error, int attempts, Duration duration) {
        return new BackupOutcome(table, Status.FAILED, backupName, Optional.empty(), Optional.of(error),
                Optional.empty(), attempts, duration, false, Optional.empty(), Optional.empty());
    }

    static BackupOutcome skipped(String table, String backupName, String reason) {
        return new BackupOutcome(table, Status.SKIPPED, backupName, Optional.empty(), Optional.empty(),
                Optional.of(reason), 0, Duration.ZERO, false, Optional.empty(), Optional.empty());
    }

    /** This CREATED outcome once its backup was seen AVAILABLE at {@code seenAt}, {@code waited} after it. */
    BackupOutcome available(BackupDetails available, Instant seenAt, Duration waited) {
        return new BackupOutcome(table, status, backupName, Optional.of(available), error, skipReason, attempts,
                duration.plus(waited), recovered, createdAt, Optional.of(seenAt));
    }

    /** This CREATED outcome, FAILED while waiting for AVAILABLE: the backup is kept in {@code details}. */
    BackupOutcome notConfirmed(Throwable why, Duration waited) {
        return new BackupOutcome(table, Status.FAILED, backupName, details, Optional.of(why), skipReason, attempts,
                duration.plus(waited), recovered, createdAt, Optional.empty());
    }
}
