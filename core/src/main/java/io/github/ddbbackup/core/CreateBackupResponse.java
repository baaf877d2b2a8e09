package io.github.ddbbackup.core;

/**
 * CreateBackup's output.
 *
 * @param backupDetails the backup just requested, usually still CREATING
 */
public record CreateBackupResponse(BackupDetails backupDetails) {

    /**
     * Checks the members DynamoDB always sends; absent optional members become empty.
     *
     * @throws IllegalArgumentException when a required member is missing (the codec reports that response as
     *                                  malformed)
     */
    public CreateBackupResponse {
        Members.required(backupDetails, "CreateBackupOutput.BackupDetails");
    }
}
