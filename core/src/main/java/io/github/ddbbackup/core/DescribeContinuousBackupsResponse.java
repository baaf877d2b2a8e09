package io.github.ddbbackup.core;

/**
 * DescribeContinuousBackups' output.
 *
 * @param continuousBackupsDescription the table's continuous backups and point-in-time recovery
 */
public record DescribeContinuousBackupsResponse(ContinuousBackupsDescription continuousBackupsDescription) {

    /** @throws IllegalArgumentException when the description is missing (the codec reports that as malformed) */
    public DescribeContinuousBackupsResponse {
        Members.required(continuousBackupsDescription, "DescribeContinuousBackupsOutput.ContinuousBackupsDescription");
    }
}
