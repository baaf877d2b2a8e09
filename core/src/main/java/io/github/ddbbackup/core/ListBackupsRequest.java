package io.github.ddbbackup.core;

import io.github.ddbbackup.core.internal.Validation;
import java.time.Instant;

/**
 * ListBackups' input; every member is optional ({@code null}). Build one with {@link #builder()}.
 *
 * @param tableName               only this table's backups (a table name or ARN)
 * @param limit                   page size, 1..100
 * @param timeRangeLowerBound     only backups created at or after this instant (inclusive)
 * @param timeRangeUpperBound     only backups created before this instant (exclusive)
 * @param exclusiveStartBackupArn the {@code LastEvaluatedBackupArn} of the previous page
 * @param backupType              USER, SYSTEM, AWS_BACKUP or ALL; DynamoDB's default is USER
 */
public record ListBackupsRequest(
        String tableName,
        Integer limit,
        Instant timeRangeLowerBound,
        Instant timeRangeUpperBound,
        String exclusiveStartBackupArn,
        BackupTypeFilter backupType) {

    public static final int LIMIT_MIN = 1;
    public static final int LIMIT_MAX = 100;

    public ListBackupsRequest {
        if (tableName != null) {
            Validation.tableNameOrArn("TableName", tableName);
        }
        Validation.range("Limit", limit, LIMIT_MIN, LIMIT_MAX);
        if (exclusiveStartBackupArn != null) {
            Validation.backupArn("ExclusiveStartBackupArn", exclusiveStartBackupArn);
        }
        if (timeRangeLowerBound != null && timeRangeUpperBound != null
                && !timeRangeLowerBound.isBefore(timeRangeUpperBound)) {
            throw new RequestValidationException("TimeRangeUpperBound", timeRangeUpperBound,
                    "must be after TimeRangeLowerBound (" + timeRangeLowerBound + ")");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this request, e.g. to ask for the next page. */
    public Builder toBuilder() {
        return new Builder().tableName(tableName).limit(limit).timeRangeLowerBound(timeRangeLowerBound)
                .timeRangeUpperBound(timeRangeUpperBound).exclusiveStartBackupArn(exclusiveStartBackupArn)
                .backupType(backupType);
    }

    /** The same request starting after {@code lastEvaluatedBackupArn}. */
    public ListBackupsRequest nextPage(String lastEvaluatedBackupArn) {
        return new ListBackupsRequest(tableName, limit, timeRangeLowerBound, timeRangeUpperBound,
                lastEvaluatedBackupArn, backupType);
    }

    /** Collects members; {@link #build()} validates them all. */
    public static final class Builder {
        private String tableName;
        private Integer limit;
        private Instant timeRangeLowerBound;
        private Instant timeRangeUpperBound;
        private String exclusiveStartBackupArn;
        private BackupTypeFilter backupType;

        private Builder() {
        }

        public Builder tableName(String tableName) {
            this.tableName = tableName;
            return this;
        }

        public Builder limit(Integer limit) {
            this.limit = limit;
            return this;
        }

        public Builder timeRangeLowerBound(Instant inclusive) {
            this.timeRangeLowerBound = inclusive;
            return this;
        }

        public Builder timeRangeUpperBound(Instant exclusive) {
            this.timeRangeUpperBound = exclusive;
            return this;
        }

        public Builder exclusiveStartBackupArn(String backupArn) {
            this.exclusiveStartBackupArn = backupArn;
            return this;
        }

        public Builder backupType(BackupTypeFilter backupType) {
            this.backupType = backupType;
            return this;
        }

        public ListBackupsRequest build() {
            return new ListBackupsRequest(tableName, limit, timeRangeLowerBound, timeRangeUpperBound,
                    exclusiveStartBackupArn, backupType);
        }
    }
}
