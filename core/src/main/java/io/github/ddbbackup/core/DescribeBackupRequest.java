package io.github.ddbbackup.core;

import io.github.ddbbackup.core.internal.Validation;

/**
 * DescribeBackup's input.
 *
 * @param backupArn the backup's ARN, 37..1024 characters
 */
public record DescribeBackupRequest(String backupArn) {

    /**
     * Validates every member.
     *
     * @throws RequestValidationException when a member breaks the API reference's constraints (the message names it,
     *                                    its value and the rule)
     */
    public DescribeBackupRequest {
        Validation.backupArn("BackupArn", backupArn);
    }
}
