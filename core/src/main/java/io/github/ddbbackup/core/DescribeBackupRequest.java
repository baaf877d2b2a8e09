package io.github.ddbbackup.core;

import io.github.ddbbackup.core.internal.Validation;

/** DescribeBackup's input: the backup's ARN, 37..1024 characters. */
public record DescribeBackupRequest(String backupArn) {

    public DescribeBackupRequest {
        Validation.backupArn("BackupArn", backupArn);
    }
}
