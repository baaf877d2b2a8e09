package io.github.ddbbackup.core;

/** DeleteBackup's output: the backup as it was deleted. */
public record DeleteBackupResponse(BackupDescription backupDescription) {

    public DeleteBackupResponse {
        Members.required(backupDescription, "DeleteBackupOutput.BackupDescription");
    }
}
