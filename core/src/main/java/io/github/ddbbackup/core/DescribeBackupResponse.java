package io.github.ddbbackup.core;

/** DescribeBackup's output. */
public record DescribeBackupResponse(BackupDescription backupDescription) {

    public DescribeBackupResponse {
        Members.required(backupDescription, "DescribeBackupOutput.BackupDescription");
    }
}
