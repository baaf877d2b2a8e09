package io.github.ddbbackup.core;

import io.github.ddbbackup.core.internal.Validation;
import org.jspecify.annotations.Nullable;

/**
 * UpdateContinuousBackups' input.
 *
 * @param tableName                        a table name or table ARN
 * @param pointInTimeRecoverySpecification the point-in-time recovery setting to apply
 */
public record UpdateContinuousBackupsRequest(String tableName,
                                             PointInTimeRecoverySpecification pointInTimeRecoverySpecification) {

    /** @throws RequestValidationException when a member breaks the API reference's constraints */
    public UpdateContinuousBackupsRequest {
        Validation.tableNameOrArn("TableName", tableName);
        Validation.required("PointInTimeRecoverySpecification", pointInTimeRecoverySpecification);
    }

    /**
     * Point-in-time recovery on or off.
     *
     * @param pointInTimeRecoveryEnabled whether it is on
     * @param recoveryPeriodInDays       1..35; {@code null}: DynamoDB's default, 35
     */
    public record PointInTimeRecoverySpecification(Boolean pointInTimeRecoveryEnabled,
                                                   @Nullable Integer recoveryPeriodInDays) {

        public static final int RECOVERY_DAYS_MIN = 1;
        public static final int RECOVERY_DAYS_MAX = 35;

        /** @throws RequestValidationException when a member breaks the API reference's constraints */
        public PointInTimeRecoverySpecification {
            Validation.required("PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled",
                    pointInTimeRecoveryEnabled);
            Validation.range("PointInTimeRecoverySpecification.RecoveryPeriodInDays", recoveryPeriodInDays,
                    RECOVERY_DAYS_MIN, RECOVERY_DAYS_MAX);
        }
    }
}
