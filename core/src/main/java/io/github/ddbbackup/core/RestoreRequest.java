package io.github.ddbbackup.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.ddbbackup.core.SourceTableDetails.KeySchemaElement;
import io.github.ddbbackup.core.SourceTableDetails.OnDemandThroughput;
import io.github.ddbbackup.core.SourceTableDetails.ProvisionedThroughput;
import io.github.ddbbackup.core.SourceTableFeatureDetails.GlobalSecondaryIndexInfo;
import io.github.ddbbackup.core.SourceTableFeatureDetails.LocalSecondaryIndexInfo;
import io.github.ddbbackup.core.internal.Validation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * RestoreTableFromBackup's input. Validated when constructed, so an invalid request never reaches the wire. Build one
 * with {@link #builder(String, String)}; every override is optional ({@code null} or empty: the backup's own).
 *
 * @param targetTableName                the new table; 3..255 of {@code [a-zA-Z0-9_.-]}
 * @param backupArn                      the backup to restore; 37..1024 characters
 * @param billingModeOverride            {@code PROVISIONED} or {@code PAY_PER_REQUEST}
 * @param globalSecondaryIndexOverride   the global secondary indexes of the new table, instead of the backup's
 * @param localSecondaryIndexOverride    the local secondary indexes of the new table, instead of the backup's
 * @param provisionedThroughputOverride  the new table's capacity units, each at least 1
 * @param onDemandThroughputOverride     the new table's maximum request units
 * @param sseSpecificationOverride       the new table's server-side encryption
 */
public record RestoreRequest(
        String targetTableName,
        String backupArn,
        @Nullable String billingModeOverride,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<GlobalSecondaryIndexInfo> globalSecondaryIndexOverride,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<LocalSecondaryIndexInfo> localSecondaryIndexOverride,
        @Nullable ProvisionedThroughput provisionedThroughputOverride,
        @Nullable OnDemandThroughput onDemandThroughputOverride,
        @JsonProperty("SSESpecificationOverride") @Nullable SseSpecification sseSpecificationOverride) {

    /** The billing modes DynamoDB knows. */
    public static final Set<String> BILLING_MODES = Set.of("PROVISIONED", "PAY_PER_REQUEST");
    /** The encryption types DynamoDB knows. */
    public static final Set<String> SSE_TYPES = Set.of("AES256", "KMS");
    /** The projection types DynamoDB knows. */
    public static final Set<String> PROJECTION_TYPES = Set.of("ALL", "KEYS_ONLY", "INCLUDE");
    /** The most global secondary indexes a table may have (a default quota). */
    public static final int GLOBAL_INDEXES_MAX = 20;
    /** The most local secondary indexes a table may have. */
    public static final int LOCAL_INDEXES_MAX = 5;

    /**
     * Validates every member.
     *
     * @throws RequestValidationException when a member breaks the API reference's constraints (the message names it,
     *                                    its value and the rule)
     */
    public RestoreRequest {
        Validation.tableName("TargetTableName", targetTableName);
        Validation.backupArn("BackupArn", backupArn);
        Validation.oneOf("BillingModeOverride", billingModeOverride, BILLING_MODES);
        globalSecondaryIndexOverride = globalSecondaryIndexOverride == null ? List.of()
                : List.copyOf(globalSecondaryIndexOverride);
        localSecondaryIndexOverride = localSecondaryIndexOverride == null ? List.of()
                : List.copyOf(localSecondaryIndexOverride);
        if (globalSecondaryIndexOverride.size() > GLOBAL_INDEXES_MAX) {
            throw new RequestValidationException("GlobalSecondaryIndexOverride",
                    globalSecondaryIndexOverride.size() + " indexes", "at most " + GLOBAL_INDEXES_MAX);
        }
        if (localSecondaryIndexOverride.size() > LOCAL_INDEXES_MAX) {
            throw new RequestValidationException("LocalSecondaryIndexOverride",
                    localSecondaryIndexOverride.size() + " indexes", "at most " + LOCAL_INDEXES_MAX);
        }
        for (GlobalSecondaryIndexInfo index : globalSecondaryIndexOverride) {
            index("GlobalSecondaryIndexOverride", index.indexName(), index.keySchema(), index.projection());
            index.provisionedThroughput().ifPresent(units ->
                    capacity("GlobalSecondaryIndexOverride.ProvisionedThroughput", units));
        }
        for (LocalSecondaryIndexInfo index : localSecondaryIndexOverride) {
            index("LocalSecondaryIndexOverride", index.indexName(), index.keySchema(), index.projection());
        }
        if (provisionedThroughputOverride != null) {
            capacity("ProvisionedThroughputOverride", provisionedThroughputOverride);
        }
        if (sseSpecificationOverride != null) {
            Validation.oneOf("SSESpecificationOverride.SSEType", sseSpecificationOverride.sseType().orElse(null),
                    SSE_TYPES);
        }
    }

    private static void index(String field, Optional<String> name, List<KeySchemaElement> keySchema,
                              Optional<SourceTableFeatureDetails.Projection> projection) {
        Validation.tableName(field + ".IndexName", Validation.required(field + ".IndexName", name.orElse(null)));
        if (keySchema.isEmpty() || keySchema.size() > 2) {
            throw new RequestValidationException(field + ".KeySchema", keySchema.size() + " elements",
                    "1..2 elements");
        }
        Validation.required(field + ".Projection", projection.orElse(null));
        Validation.oneOf(field + ".Projection.ProjectionType", projection.get().projectionType().orElse(null),
                PROJECTION_TYPES);
    }

    private static void capacity(String field, ProvisionedThroughput units) {
        if (units.readCapacityUnits() < 1) {
            throw new RequestValidationException(field + ".ReadCapacityUnits", units.readCapacityUnits(),
                    "at least 1");
        }
        if (units.writeCapacityUnits() < 1) {
            throw new RequestValidationException(field + ".WriteCapacityUnits", units.writeCapacityUnits(),
                    "at least 1");
        }
    }

    /** A builder for restoring {@code backupArn} to a new table {@code targetTableName}, without overrides. */
    public static Builder builder(String targetTableName, String backupArn) {
        return new Builder(targetTableName, backupArn);
    }

    /**
     * The new table's server-side encryption.
     *
     * @param enabled        true: encryption with a KMS key (AWS managed unless {@code kmsMasterKeyId}); false or
     *                       absent: an AWS owned key
     * @param sseType        {@code KMS} (the only type that may be set)
     * @param kmsMasterKeyId the KMS key: id, ARN, alias name or alias ARN
     */
    public record SseSpecification(
            Optional<Boolean> enabled,
            @JsonProperty("SSEType") Optional<String> sseType,
            @JsonProperty("KMSMasterKeyId") Optional<String> kmsMasterKeyId) {
        /** Absent members become empty. */
        public SseSpecification {
            enabled = Members.optional(enabled);
            sseType = Members.optional(sseType);
            kmsMasterKeyId = Members.optional(kmsMasterKeyId);
        }
    }

    /** Collects members; {@link #build()} validates them all. */
    public static final class Builder {
        private final String targetTableName;
        private final String backupArn;
        private @Nullable String billingMode;
        private final List<GlobalSecondaryIndexInfo> globalIndexes = new ArrayList<>();
        private final List<LocalSecondaryIndexInfo> localIndexes = new ArrayList<>();
        private @Nullable ProvisionedThroughput provisionedThroughput;
        private @Nullable OnDemandThroughput onDemandThroughput;
        private @Nullable SseSpecification sse;

        private Builder(String targetTableName, String backupArn) {
            this.targetTableName = targetTableName;
            this.backupArn = backupArn;
        }

        /** {@code PROVISIONED} or {@code PAY_PER_REQUEST}; {@code null}: the backup's. */
        public Builder billingModeOverride(@Nullable String billingMode) {
            this.billingMode = billingMode;
            return this;
        }

        /** The new table's global secondary indexes instead of the backup's; none: the backup's. */
        public Builder globalSecondaryIndexOverride(List<GlobalSecondaryIndexInfo> indexes) {
            globalIndexes.clear();
            globalIndexes.addAll(indexes);
            return this;
        }

        /** The new table's local secondary indexes instead of the backup's; none: the backup's. */
        public Builder localSecondaryIndexOverride(List<LocalSecondaryIndexInfo> indexes) {
            localIndexes.clear();
            localIndexes.addAll(indexes);
            return this;
        }

        /** The new table's capacity units; {@code null}: the backup's. */
        public Builder provisionedThroughputOverride(@Nullable ProvisionedThroughput units) {
            this.provisionedThroughput = units;
            return this;
        }

        /** The new table's maximum request units; {@code null}: the backup's. */
        public Builder onDemandThroughputOverride(@Nullable OnDemandThroughput units) {
            this.onDemandThroughput = units;
            return this;
        }

        /** The new table's encryption; {@code null}: the backup's. */
        public Builder sseSpecificationOverride(@Nullable SseSpecification sse) {
            this.sse = sse;
            return this;
        }

        /**
         * The request.
         *
         * @throws RequestValidationException when a member breaks the API reference's constraints
         */
        public RestoreRequest build() {
            return new RestoreRequest(targetTableName, backupArn, billingMode, globalIndexes, localIndexes,
                    provisionedThroughput, onDemandThroughput, sse);
        }
    }
}
