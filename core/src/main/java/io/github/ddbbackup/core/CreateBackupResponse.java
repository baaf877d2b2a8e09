package io.github.ddbbackup.core;

/** CreateBackup's output. */
public record CreateBackupResponse(BackupDetails backupDetails) {

    public CreateBackupResponse {
        Members.required(backupDetails, "CreateBackupOutput.BackupDetails");
    }
}
