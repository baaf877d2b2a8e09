package io.github.ddbbackup.core;

import java.time.Instant;
import java.util.Optional;

/** One entry of a ListBackups page. Every member is optional, as in the API reference. */
public record BackupSummary(
        Optional<String> tableName,
        Optional<String> tableId,
        Optional<String> tableArn,
        Optional<String> backupArn,
        Optional<String> backupName,
        Optional<Instant> backupCreationDateTime,
        Optional<Instant> backupExpiryDateTime,
        Optional<BackupStatus> backupStatus,
        Optional<BackupType> backupType,
        Optional<Long> backupSizeBytes) {

    /** Absent members become empty. */
    public BackupSummary {
        tableName = Members.optional(tableName);
        tableId = Members.optional(tableId);
        tableArn = Members.optional(tableArn);
        backupArn = Members.optional(backupArn);
        backupName = Members.optional(backupName);
        backupCreationDateTime = Members.optional(backupCreationDateTime);
        backupExpiryDateTime = Members.optional(backupExpiryDateTime);
        backupStatus = Members.optional(backupStatus);
        backupType = Members.optional(backupType);
        backupSizeBytes = Members.optional(backupSizeBytes);
    }
}
