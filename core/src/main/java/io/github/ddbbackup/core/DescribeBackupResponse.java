package io.github.ddbbackup.core;

/**
 * DescribeBackup's output.
 *
 * @param backupDescription the backup and its source table
 */
public record DescribeBackupResponse(BackupDescription backupDescription) {

    /**
     * Checks the members DynamoDB always sends; absent optional members become empty.
     *
     * @throws IllegalArgumentException when a required member is missing (the codec reports that response as
     *                                  malformed)
     */
    public DescribeBackupResponse {
        Members.required(backupDescription, "DescribeBackupOutput.BackupDescription");
    }
}
