package io.github.ddbbackup.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Optional;

/**
 * A ListBackups page. A page may be empty while {@code lastEvaluatedBackupArn} is present: the listing ends only when
 * it is absent.
 */
public record ListBackupsResponse(
        @JsonInclude(JsonInclude.Include.ALWAYS) List<BackupSummary> backupSummaries,
        Optional<String> lastEvaluatedBackupArn) {

    public ListBackupsResponse {
        backupSummaries = Members.list(backupSummaries);
        lastEvaluatedBackupArn = Members.optional(lastEvaluatedBackupArn);
    }
}
