package io.github.ddbbackup.core;

import io.github.ddbbackup.core.internal.Validation;

/** DeleteBackup's input: the backup's ARN, 37..1024 characters. */
public record DeleteBackupRequest(String backupArn) {

    public DeleteBackupRequest {
        Validation.backupArn("BackupArn", backupArn);
    }
}
