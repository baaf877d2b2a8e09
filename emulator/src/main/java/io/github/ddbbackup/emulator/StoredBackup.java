package io.github.ddbbackup.emulator;

import io.github.ddbbackup.core.BackupDescription;
import io.github.ddbbackup.core.BackupDetails;
import io.github.ddbbackup.core.BackupStatus;
import io.github.ddbbackup.core.BackupSummary;
import io.github.ddbbackup.core.BackupType;
import java.time.Instant;
import java.util.Optional;

/**
 * A backup of the emulated account. Its status is computed from the clock: CREATING before {@code availableAt},
 * AVAILABLE from then on (so no timer is needed). The size is known (0: tables are empty) once AVAILABLE.
 *
 * @param sequence  creation order, breaking ties between backups created in the same millisecond
 * @param expiresAt for SYSTEM backups
 * @param source    the table as it was when the backup was taken
 */
record StoredBackup(
        long sequence,
        String arn,
        String name,
        BackupType type,
        Instant createdAt,
        Instant availableAt,
        Optional<Instant> expiresAt,
        StoredTable source) {

    BackupStatus status(Instant now) {
        return now.isBefore(availableAt) ? BackupStatus.CREATING : BackupStatus.AVAILABLE;
    }

    BackupDetails details(BackupStatus status) {
        Optional<Long> size = status.equals(BackupStatus.AVAILABLE) ? Optional.of(0L) : Optional.empty();
        return new BackupDetails(arn, name, size, status, type, createdAt, expiresAt);
    }

    BackupDescription description(BackupStatus status) {
        return new BackupDescription(Optional.of(details(status)), Optional.of(source.sourceTableDetails()),
                Optional.empty());
    }

    BackupSummary summary(Instant now) {
        BackupDetails details = details(status(now));
        return new BackupSummary(Optional.of(source.name()), Optional.of(source.id()), Optional.of(source.arn()),
                Optional.of(arn), Optional.of(name), Optional.of(createdAt), expiresAt,
                Optional.of(details.backupStatus()), Optional.of(type), details.backupSizeBytes());
    }
}
