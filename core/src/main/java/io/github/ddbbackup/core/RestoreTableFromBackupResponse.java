package io.github.ddbbackup.core;

/**
 * RestoreTableFromBackup's output.
 *
 * @param tableDescription the new table, CREATING
 */
public record RestoreTableFromBackupResponse(TableDescription tableDescription) {

    /** @throws IllegalArgumentException when the table is missing (the codec reports that response as malformed) */
    public RestoreTableFromBackupResponse {
        Members.required(tableDescription, "RestoreTableFromBackupOutput.TableDescription");
    }
}
