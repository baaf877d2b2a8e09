package io.github.ddbbackup.core;

import io.github.ddbbackup.core.internal.Validation;

/**
 * CreateBackup's input. Validated when constructed, so an invalid request never reaches the wire.
 *
 * @param tableName  a table name (3..255 of {@code [a-zA-Z0-9_.-]}) or a table ARN; 1..1024 characters
 * @param backupName 3..255 of {@code [a-zA-Z0-9_.-]}
 */
public record CreateBackupRequest(String tableName, String backupName) {

    /**
     * Validates every member.
     *
     * @throws RequestValidationException when a member breaks the API reference's constraints (the message names it,
     *                                    its value and the rule)
     */
    public CreateBackupRequest {
        Validation.tableNameOrArn("TableName", tableName);
        Validation.backupName(backupName);
    }
}
