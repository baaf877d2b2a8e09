package io.github.ddbbackup.examples;

import io.github.ddbbackup.core.BackupStatus;
import io.github.ddbbackup.core.BackupSummary;
import io.github.ddbbackup.core.BackupType;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which backups {@code prune} deletes: on-demand (USER) backups created before the cutoff, except the
 * {@code keepLast} newest of each table, whatever their age. Only AVAILABLE backups are deleted: one still CREATING
 * cannot be, and DynamoDB deletes SYSTEM and AWS Backup backups by its own rules.
 *
 * @param cutoff   backups created before this instant are old
 * @param keepLast how many of each table's newest backups are kept regardless of age, 0 or more
 */
record Retention(Instant cutoff, int keepLast) {

    Retention {
        if (keepLast < 0) {
            throw new IllegalArgumentException("keepLast: " + keepLast + " violates 0 or more");
        }
    }

    /** The backups to delete, oldest first. */
    List<BackupSummary> toDelete(List<BackupSummary> backups) {
        Map<String, List<BackupSummary>> byTable = backups.stream()
                .filter(b -> b.backupArn().isPresent() && b.backupCreationDateTime().isPresent())
                .filter(b -> b.backupType().map(BackupType.USER::equals).orElse(true))
                .collect(Collectors.groupingBy(b -> b.tableArn().or(b::tableName).orElse("")));
        return byTable.values().stream()
                .flatMap(tableBackups -> tableBackups.stream()
                        .sorted(NEWEST_FIRST)
                        .skip(keepLast)
                        .filter(b -> b.backupCreationDateTime().get().isBefore(cutoff))
                        .filter(b -> b.backupStatus().map(BackupStatus.AVAILABLE::equals).orElse(false)))
                .sorted(NEWEST_FIRST.reversed())
                .toList();
    }

    private static final Comparator<BackupSummary> NEWEST_FIRST =
            Comparator.comparing((BackupSummary b) -> b.backupCreationDateTime().get()).reversed();
}
