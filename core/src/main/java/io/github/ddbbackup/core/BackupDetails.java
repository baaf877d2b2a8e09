package io.github.ddbbackup.core;

import java.time.Instant;
import java.util.Optional;

/**
 * A backup as CreateBackup returns it, and as part of a {@link BackupDescription}.
 *
 * @param backupArn              required
 * @param backupName             required
 * @param backupSizeBytes        optional: known once the backup is AVAILABLE
 * @param backupStatus           required
 * @param backupType             required
 * @param backupCreationDateTime required: when the backup was requested
 * @param backupExpiryDateTime   optional: only for SYSTEM backups
 */
public record BackupDetails(
        String backupArn,
        String backupName,
        Optional<Long> backupSizeBytes,
        BackupStatus backupStatus,
        BackupType backupType,
        Instant backupCreationDateTime,
        Optional<Instant> backupExpiryDateTime) {

    /**
     * Checks the members DynamoDB always sends; absent optional members become empty.
     *
     * @throws IllegalArgumentException when a required member is missing (the codec reports that response as
     *                                  malformed)
     */
    public BackupDetails {
        Members.required(backupArn, "BackupDetails.BackupArn");
        Members.required(backupName, "BackupDetails.BackupName");
        backupSizeBytes = Members.optional(backupSizeBytes);
        Members.required(backupStatus, "BackupDetails.BackupStatus");
        Members.required(backupType, "BackupDetails.BackupType");
        Members.required(backupCreationDateTime, "BackupDetails.BackupCreationDateTime");
        backupExpiryDateTime = Members.optional(backupExpiryDateTime);
    }
}
