package io.github.ddbbackup.examples;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.github.ddbbackup.core.BackupSummary;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One backup as {@code list} and {@code prune} show it: a JSON object, or a row of a text table.
 *
 * @param table        the table's name
 * @param backupName   the backup's name
 * @param backupStatus CREATING, AVAILABLE or DELETED
 * @param backupType   USER, SYSTEM or AWS_BACKUP
 * @param createdAt    when the backup was requested, ISO-8601 UTC
 * @param sizeBytes    its size, once known
 * @param backupArn    its ARN
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"table", "backupName", "backupStatus", "backupType", "createdAt", "sizeBytes", "backupArn"})
record BackupListing(@Nullable String table, @Nullable String backupName, @Nullable String backupStatus,
                     @Nullable String backupType, @Nullable String createdAt, @Nullable Long sizeBytes,
                     @Nullable String backupArn) {

    private static final String ROW = "%-30s %-50s %-10s %-10s %-20s %s";

    static BackupListing of(BackupSummary backup) {
        return new BackupListing(backup.tableName().orElse(null), backup.backupName().orElse(null),
                backup.backupStatus().map(Object::toString).orElse(null),
                backup.backupType().map(Object::toString).orElse(null),
                backup.backupCreationDateTime().map(Instant::toString).orElse(null),
                backup.backupSizeBytes().orElse(null), backup.backupArn().orElse(null));
    }

    /** The heading of {@link #row()}s. */
    static String heading() {
        return String.format(Locale.ROOT, ROW, "TABLE", "BACKUP NAME", "STATUS", "TYPE", "CREATED", "ARN");
    }

    /** This backup as a line of a text table. */
    String row() {
        return String.format(Locale.ROOT, ROW, orDash(table), orDash(backupName), orDash(backupStatus),
                orDash(backupType), createdAt == null ? "-" : toTheSecond(createdAt), orDash(backupArn));
    }

    /** In UTC to the second, with its zone (Z): a time printed without one is read as local time. */
    private static String toTheSecond(String instant) {
        return Instant.parse(instant).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** The backups as a JSON array. */
    static String json(List<BackupListing> backups) {
        return ReportFile.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(backups);
    }

    private static String orDash(@Nullable String value) {
        return value == null ? "-" : value;
    }
}
