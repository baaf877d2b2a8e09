package io.github.ddbbackup.core;

/**
 * UpdateContinuousBackups' output.
 *
 * @param continuousBackupsDescription the table's continuous backups and point-in-time recovery, as updated
 */
public record UpdateContinuousBackupsResponse(ContinuousBackupsDescription continuousBackupsDescription) {

    /** @throws IllegalArgumentException when the description is missing (the codec reports that as malformed) */
    public UpdateContinuousBackupsResponse {
        Members.required(continuousBackupsDescription, "UpdateContinuousBackupsOutput.ContinuousBackupsDescription");
    }
}
