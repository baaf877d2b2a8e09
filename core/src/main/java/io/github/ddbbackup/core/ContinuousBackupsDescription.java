package io.github.ddbbackup.core;

import java.time.Instant;
import java.util.Optional;

/**
 * A table's continuous backups and point-in-time recovery, as DescribeContinuousBackups and UpdateContinuousBackups
 * answer them.
 *
 * @param continuousBackupsStatus        {@code ENABLED} or {@code DISABLED}
 * @param pointInTimeRecoveryDescription the point-in-time recovery setting
 */
public record ContinuousBackupsDescription(
        String continuousBackupsStatus,
        Optional<PointInTimeRecoveryDescription> pointInTimeRecoveryDescription) {

    /** @throws IllegalArgumentException when the status is missing (the codec reports that response as malformed) */
    public ContinuousBackupsDescription {
        Members.required(continuousBackupsStatus, "ContinuousBackupsDescription.ContinuousBackupsStatus");
        pointInTimeRecoveryDescription = Members.optional(pointInTimeRecoveryDescription);
    }

    /** Whether point-in-time recovery is ENABLED. */
    public boolean pointInTimeRecoveryEnabled() {
        return pointInTimeRecoveryDescription.flatMap(PointInTimeRecoveryDescription::pointInTimeRecoveryStatus)
                .filter("ENABLED"::equals).isPresent();
    }

    /**
     * Point-in-time recovery.
     *
     * @param pointInTimeRecoveryStatus  {@code ENABLED} or {@code DISABLED}
     * @param recoveryPeriodInDays       how many days back the table can be restored, 1..35
     * @param earliestRestorableDateTime the earliest instant it can be restored to
     * @param latestRestorableDateTime   the latest instant it can be restored to
     */
    public record PointInTimeRecoveryDescription(
            Optional<String> pointInTimeRecoveryStatus,
            Optional<Integer> recoveryPeriodInDays,
            Optional<Instant> earliestRestorableDateTime,
            Optional<Instant> latestRestorableDateTime) {
        /** Absent members become empty. */
        public PointInTimeRecoveryDescription {
            pointInTimeRecoveryStatus = Members.optional(pointInTimeRecoveryStatus);
            recoveryPeriodInDays = Members.optional(recoveryPeriodInDays);
            earliestRestorableDateTime = Members.optional(earliestRestorableDateTime);
            latestRestorableDateTime = Members.optional(latestRestorableDateTime);
        }
    }
}
