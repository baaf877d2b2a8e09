package io.github.ddbbackup.core;

import io.github.ddbbackup.core.internal.Validation;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

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
        @Nullable String tableName,
        @Nullable Integer limit,
        @Nullable Instant timeRangeLowerBound,
        @Nullable Instant timeRangeUpperBound,
        @Nullable String exclusiveStartBackupArn,
        @Nullable BackupTypeFilter backupType) {

    /** The smallest page size DynamoDB accepts. */
    public static final int LIMIT_MIN = 1;
    /** The largest page size DynamoDB accepts. */
    public static final int LIMIT_MAX = 100;

    /**
     * Validates every member.
     *
     * @throws RequestValidationException when a member breaks the API reference's constraints (the message names it,
     *                                    its value and the rule)
     */
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

    /** A builder with every member absent: all backups of type USER, DynamoDB's page size. */
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
        private @Nullable String tableName;
        private @Nullable Integer limit;
        private @Nullable Instant timeRangeLowerBound;
        private @Nullable Instant timeRangeUpperBound;
        private @Nullable String exclusiveStartBackupArn;
        private @Nullable BackupTypeFilter backupType;

        private Builder() {
        }

        /** Only this table's backups (a name or an ARN); {@code null}: every table's. */
        public Builder tableName(@Nullable String tableName) {
            this.tableName = tableName;
            return this;
        }

        /** Page size, {@value #LIMIT_MIN}..{@value #LIMIT_MAX}; {@code null}: DynamoDB's. */
        public Builder limit(@Nullable Integer limit) {
            this.limit = limit;
            return this;
        }

        /** Only backups created at or after this instant; {@code null}: no lower bound. */
        public Builder timeRangeLowerBound(@Nullable Instant inclusive) {
            this.timeRangeLowerBound = inclusive;
            return this;
        }

        /** Only backups created before this instant; {@code null}: no upper bound. */
        public Builder timeRangeUpperBound(@Nullable Instant exclusive) {
            this.timeRangeUpperBound = exclusive;
            return this;
        }

        /** Start after this backup (the previous page's {@code LastEvaluatedBackupArn}); {@code null}: the start. */
        public Builder exclusiveStartBackupArn(@Nullable String backupArn) {
            this.exclusiveStartBackupArn = backupArn;
            return this;
        }

        /** Which backups; {@code null}: DynamoDB's default, USER. */
        public Builder backupType(@Nullable BackupTypeFilter backupType) {
            this.backupType = backupType;
            return this;
        }

        /**
         * The request.
         *
         * @throws RequestValidationException when a member breaks the API reference's constraints
         */
        public ListBackupsRequest build() {
            return new ListBackupsRequest(tableName, limit, timeRangeLowerBound, timeRangeUpperBound,
                    exclusiveStartBackupArn, backupType);
        }
    }
}
