package io.github.ddbbackup.core;

import java.util.Optional;

/**
 * What DescribeBackup and DeleteBackup return: the backup, and the table it was taken from. All members optional.
 *
 * @param backupDetails             the backup
 * @param sourceTableDetails        the table as it was when the backup was taken
 * @param sourceTableFeatureDetails the table's indexes, stream, time to live and encryption at that time
 */
public record BackupDescription(
        Optional<BackupDetails> backupDetails,
        Optional<SourceTableDetails> sourceTableDetails,
        Optional<SourceTableFeatureDetails> sourceTableFeatureDetails) {

    /** Absent members become empty. */
    public BackupDescription {
        backupDetails = Members.optional(backupDetails);
        sourceTableDetails = Members.optional(sourceTableDetails);
        sourceTableFeatureDetails = Members.optional(sourceTableFeatureDetails);
    }
}
