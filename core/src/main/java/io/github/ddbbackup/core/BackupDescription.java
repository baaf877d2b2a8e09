package io.github.ddbbackup.core;

import java.util.Optional;

/** What DescribeBackup and DeleteBackup return: the backup, and the table it was taken from. All members optional. */
public record BackupDescription(
        Optional<BackupDetails> backupDetails,
        Optional<SourceTableDetails> sourceTableDetails,
        Optional<SourceTableFeatureDetails> sourceTableFeatureDetails) {

    public BackupDescription {
        backupDetails = Members.optional(backupDetails);
        sourceTableDetails = Members.optional(sourceTableDetails);
        sourceTableFeatureDetails = Members.optional(sourceTableFeatureDetails);
    }
}
