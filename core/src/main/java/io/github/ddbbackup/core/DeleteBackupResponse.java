package io.github.ddbbackup.core;

/**
 * DeleteBackup's output.
 *
 * @param backupDescription the backup as it was deleted
 */
public record DeleteBackupResponse(BackupDescription backupDescription) {

    /**
     * Checks the members DynamoDB always sends; absent optional members become empty.
     *
     * @throws IllegalArgumentException when a required member is missing (the codec reports that response as
     *                                  malformed)
     */
    public DeleteBackupResponse {
        Members.required(backupDescription, "DeleteBackupOutput.BackupDescription");
    }
}
