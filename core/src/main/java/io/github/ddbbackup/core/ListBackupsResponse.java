package io.github.ddbbackup.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Optional;

/**
 * A ListBackups page. A page may be empty while {@code lastEvaluatedBackupArn} is present: the listing ends only when
 * it is absent.
 *
 * @param backupSummaries        this page's backups, possibly none
 * @param lastEvaluatedBackupArn where the next page starts ({@link ListBackupsRequest#nextPage}); empty on the last
 */
public record ListBackupsResponse(
        @JsonInclude(JsonInclude.Include.ALWAYS) List<BackupSummary> backupSummaries,
        Optional<String> lastEvaluatedBackupArn) {

    /** An absent list becomes empty, an absent ARN empty; the list is copied. */
    public ListBackupsResponse {
        backupSummaries = Members.list(backupSummaries);
        lastEvaluatedBackupArn = Members.optional(lastEvaluatedBackupArn);
    }
}
