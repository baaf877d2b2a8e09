package io.github.ddbbackup.examples;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.github.ddbbackup.core.BackupDetails;
import io.github.ddbbackup.core.error.ErrorResponseException;
import io.github.ddbbackup.core.error.MalformedResponseException;
import io.github.ddbbackup.ratelimit.redis.RedisUnavailableException;
import io.github.ddbbackup.reactor.BackupOutcome;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.TreeMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The JSON report of a {@code backup} job, as the command-line contract defines it. While the job runs
 * {@code finishedAt} is null and {@code tables} holds the tables finished so far.
 *
 * @param startedAt  when the job started, ISO-8601 UTC
 * @param finishedAt when it finished, or null while it runs
 * @param endpoint   the DynamoDB endpoint
 * @param region     the region
 * @param summary    the counts
 * @param tables     one entry per finished table, in the order they finished
 * @param settings   with {@code --record-settings}: each table's tags, time to live, point-in-time recovery and
 *                   stream, for {@code restore --copy-settings --settings-from} (absent without)
 */
@JsonPropertyOrder({"startedAt", "finishedAt", "endpoint", "region", "summary", "tables", "settings"})
record Report(String startedAt, @Nullable String finishedAt, String endpoint, String region, Summary summary,
              List<TableResult> tables,
              @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, TableSettings> settings) {

    Report {
        tables = List.copyOf(Objects.requireNonNull(tables, "tables"));
        settings = settings == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(settings));
    }

    /** A report without recorded settings. */
    Report(String startedAt, @Nullable String finishedAt, String endpoint, String region, Summary summary,
           List<TableResult> tables) {
        this(startedAt, finishedAt, endpoint, region, summary, tables, Map.of());
    }

    /** What happened to one table. */
    enum Status { CREATED, FAILED, SKIPPED }

    /**
     * The counts of a report.
     *
     * @param requested            tables selected (so far, while the job runs)
     * @param created              backups created by this job
     * @param failed               tables that could not be backed up
     * @param skipped              tables left alone (already backed up by an earlier run, or a dry run)
     * @param elapsedSeconds       since the job started
     * @param createCallsPerSecond CreateBackup calls made (every attempt) per second, from the first request sent to
     *                             the last one answered (permit waits and {@code --wait} are outside); absent (null)
     *                             when no CreateBackup was sent
     * @param availableSecondsAfterLastCreate with {@code --wait}: from the last CreateBackup answer to the last backup
     *                             seen AVAILABLE, what waiting added to the job; absent (null) without {@code --wait}
     *                             or before any backup was seen AVAILABLE
     */
    @JsonPropertyOrder({"requested", "created", "failed", "skipped", "elapsedSeconds", "createCallsPerSecond",
            "availableSecondsAfterLastCreate", "regions"})
    record Summary(int requested, int created, int failed, int skipped, double elapsedSeconds,
                   @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Double createCallsPerSecond,
                   @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Double availableSecondsAfterLastCreate,
                   @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, RegionCounts> regions) {

        Summary {
            regions = regions == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(regions));
        }

        /** Of one region. */
        Summary(int requested, int created, int failed, int skipped, double elapsedSeconds,
                @Nullable Double createCallsPerSecond, @Nullable Double availableSecondsAfterLastCreate) {
            this(requested, created, failed, skipped, elapsedSeconds, createCallsPerSecond,
                    availableSecondsAfterLastCreate, Map.of());
        }

        /** Without {@code --wait}'s figure. */
        Summary(int requested, int created, int failed, int skipped, double elapsedSeconds,
                @Nullable Double createCallsPerSecond) {
            this(requested, created, failed, skipped, elapsedSeconds, createCallsPerSecond, null);
        }
    }

    /**
     * The counts of one region of a {@code --regions} job (the summary's {@code regions}, in the order given).
     *
     * @param requested tables selected in the region (so far)
     * @param created   backups created there
     * @param failed    its tables that could not be backed up (or its one entry, when the region could not be asked)
     * @param skipped   its tables left alone
     */
    @JsonPropertyOrder({"requested", "created", "failed", "skipped"})
    record RegionCounts(int requested, int created, int failed, int skipped) {
    }

    /**
     * One table's entry; which members are present depends on the status. CREATED: backupName, backupArn,
     * backupStatus, attempts, createdAt, and availableAt with {@code --wait}. FAILED: error, attempts, and when the
     * backup was created but not confirmed AVAILABLE with {@code --wait}, the backup (backupName, backupArn,
     * backupStatus, createdAt). SKIPPED: reason, attempts, and the backup when an earlier run made it (backupName,
     * backupArn, backupStatus) or a dry run would make it (backupName).
     *
     * @param createdAt   when the job had CreateBackup's answer (ISO-8601 UTC, milliseconds)
     * @param availableAt when the job saw the backup AVAILABLE ({@code --wait})
     * @param region      the table's region, in a {@code --regions} job (absent otherwise)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"region", "table", "status", "backupName", "backupArn", "backupStatus", "error", "reason",
            "attempts", "createdAt", "availableAt"})
    record TableResult(String table, Status status, @Nullable String backupName, @Nullable String backupArn,
                       @Nullable String backupStatus, @Nullable ErrorInfo error, @Nullable String reason,
                       @Nullable Integer attempts, @Nullable String createdAt, @Nullable String availableAt,
                       @Nullable String region) {

        TableResult {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(status, "status");
        }

        /** An entry of a one-region job. */
        TableResult(String table, Status status, @Nullable String backupName, @Nullable String backupArn,
                    @Nullable String backupStatus, @Nullable ErrorInfo error, @Nullable String reason,
                    @Nullable Integer attempts, @Nullable String createdAt, @Nullable String availableAt) {
            this(table, status, backupName, backupArn, backupStatus, error, reason, attempts, createdAt, availableAt,
                    null);
        }

        /** This entry, of {@code inRegion} (a {@code --regions} job). */
        TableResult in(String inRegion) {
            return new TableResult(table, status, backupName, backupArn, backupStatus, error, reason, attempts,
                    createdAt, availableAt, inRegion);
        }

        /** The table as lines name it: with its region in a {@code --regions} job. */
        String shown() {
            return region == null ? table : region + " " + table;
        }

        /** An entry without times. */
        TableResult(String table, Status status, @Nullable String backupName, @Nullable String backupArn,
                    @Nullable String backupStatus, @Nullable ErrorInfo error, @Nullable String reason,
                    @Nullable Integer attempts) {
            this(table, status, backupName, backupArn, backupStatus, error, reason, attempts, null, null);
        }

        static TableResult created(String table, BackupDetails backup, int attempts) {
            return new TableResult(table, Status.CREATED, backup.backupName(), backup.backupArn(),
                    backup.backupStatus().value(), null, null, attempts);
        }

        static TableResult failed(String table, Throwable error, int attempts) {
            return new TableResult(table, Status.FAILED, null, null, null, ErrorInfo.of(error), null, attempts);
        }

        static TableResult skipped(String table, String reason, @Nullable String backupName) {
            return new TableResult(table, Status.SKIPPED, backupName, null, null, null, reason, 0);
        }

        /** The entry of an outcome of {@code backupAll}. */
        static TableResult of(BackupOutcome outcome) {
            return switch (outcome.status()) {
                case CREATED -> outcome.details()
                        .map(details -> new TableResult(outcome.table(), Status.CREATED, details.backupName(),
                                details.backupArn(), details.backupStatus().value(), null, null, outcome.attempts(),
                                iso(outcome.createdAt().orElse(null)), iso(outcome.availableAt().orElse(null))))
                        .orElseThrow(() -> new IllegalStateException("CREATED outcome without details: " + outcome));
                case FAILED -> new TableResult(outcome.table(), Status.FAILED,
                        outcome.details().map(BackupDetails::backupName).orElse(null),
                        outcome.details().map(BackupDetails::backupArn).orElse(null),
                        outcome.details().map(details -> details.backupStatus().value()).orElse(null),
                        ErrorInfo.of(outcome.error().orElseGet(() -> new IllegalStateException("no error given"))),
                        null, outcome.attempts(), iso(outcome.createdAt().orElse(null)), null);
                case SKIPPED -> new TableResult(outcome.table(), Status.SKIPPED, outcome.backupName(), null, null,
                        null, outcome.skipReason().orElse("skipped"), outcome.attempts());
            };
        }

        private static @Nullable String iso(@Nullable Instant instant) {
            return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS).toString();
        }

        /** This entry carried into a later run that skips the table because this one backed it up. */
        TableResult carriedOver(String reason) {
            return new TableResult(table, Status.SKIPPED, backupName, backupArn, backupStatus, null, reason, 0, null,
                    null, region);
        }

        /** Whether the table has a backup from the job that wrote this entry (or from one it resumed). */
        boolean backedUp() {
            return status == Status.CREATED || (status == Status.SKIPPED && backupArn != null);
        }
    }

    /**
     * Why a table failed.
     *
     * @param code      DynamoDB's error code (e.g. TableNotFoundException) when its response named one, else the
     *                  exception's class (e.g. TransportException, AmbiguousOutcomeException,
     *                  ErrorResponseException.ServerError for a proxy's 5xx page), or this command's RedisUnavailable (no permit from the shared budget)
     * @param message   the message
     * @param requestId DynamoDB's request id, null when no response came or it carried none
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ErrorInfo(String code, @Nullable String message, @Nullable String requestId) {

        static ErrorInfo of(Throwable error) {
            if (error instanceof ErrorResponseException e && e.errorCode() != null) {
                return new ErrorInfo(e.errorCode(), e.errorMessage().isEmpty() ? e.getMessage() : e.errorMessage(),
                        e.requestId());
            }
            if (error instanceof RedisUnavailableException e) {
                return new ErrorInfo(RedisOptions.UNAVAILABLE_CODE, RedisOptions.describe(e), null);
            }
            if (error instanceof ErrorResponseException e) {
                return new ErrorInfo(className(e), e.getMessage(), e.requestId());
            }
            if (error instanceof MalformedResponseException e) {
                return new ErrorInfo(className(e), e.getMessage(), e.requestId());
            }
            return new ErrorInfo(className(error), String.valueOf(error.getMessage()), null);
        }

        /** The class as written in Java: {@code ErrorResponseException.ServerError} for a nested one. */
        private static String className(Throwable error) {
            return error.getClass().getName().substring(error.getClass().getPackageName().length() + 1)
                    .replace('$', '.');
        }
    }
}
