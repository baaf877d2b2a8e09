package io.github.ddbbackup.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.ddbbackup.core.SourceTableDetails.KeySchemaElement;
import io.github.ddbbackup.core.SourceTableFeatureDetails.GlobalSecondaryIndexInfo;
import io.github.ddbbackup.core.SourceTableFeatureDetails.LocalSecondaryIndexInfo;
import io.github.ddbbackup.core.SourceTableFeatureDetails.SseDescription;
import io.github.ddbbackup.core.SourceTableFeatureDetails.StreamSpecification;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A table as DescribeTable, DeleteTable and RestoreTableFromBackup return it: the members a restore and a restore
 * drill use; the others are ignored.
 *
 * @param tableName              its name
 * @param tableId                its unique id
 * @param tableArn               its ARN
 * @param tableStatus            {@code CREATING}, {@code ACTIVE}, {@code DELETING}, {@code UPDATING}, ...
 * @param creationDateTime       when it was created
 * @param attributeDefinitions   its key attributes and their types
 * @param keySchema              its partition key, and sort key if any
 * @param provisionedThroughput  its capacity units (0 for an on-demand table)
 * @param billingModeSummary     its billing mode, when DynamoDB reports one
 * @param itemCount              its approximate item count (updated about every six hours)
 * @param tableSizeBytes         its approximate size
 * @param localSecondaryIndexes  its local secondary indexes
 * @param globalSecondaryIndexes its global secondary indexes
 * @param streamSpecification    its stream, when one is set
 * @param sseDescription         its server-side encryption, when not the default
 * @param restoreSummary         where it was restored from, for a restored table
 */
public record TableDescription(
        String tableName,
        Optional<String> tableId,
        Optional<String> tableArn,
        Optional<String> tableStatus,
        Optional<Instant> creationDateTime,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<AttributeDefinition> attributeDefinitions,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<KeySchemaElement> keySchema,
        Optional<ProvisionedThroughputDescription> provisionedThroughput,
        Optional<BillingModeSummary> billingModeSummary,
        Optional<Long> itemCount,
        Optional<Long> tableSizeBytes,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<LocalSecondaryIndexInfo> localSecondaryIndexes,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<GlobalSecondaryIndexInfo> globalSecondaryIndexes,
        Optional<StreamSpecification> streamSpecification,
        @JsonProperty("SSEDescription") Optional<SseDescription> sseDescription,
        Optional<RestoreSummary> restoreSummary) {

    /** The status of a table that can be used. */
    public static final String ACTIVE = "ACTIVE";

    /**
     * Checks the members DynamoDB always sends; absent optional members become empty.
     *
     * @throws IllegalArgumentException when the table name is missing (the codec reports that response as malformed)
     */
    public TableDescription {
        Members.required(tableName, "TableDescription.TableName");
        tableId = Members.optional(tableId);
        tableArn = Members.optional(tableArn);
        tableStatus = Members.optional(tableStatus);
        creationDateTime = Members.optional(creationDateTime);
        attributeDefinitions = Members.list(attributeDefinitions);
        keySchema = Members.list(keySchema);
        provisionedThroughput = Members.optional(provisionedThroughput);
        billingModeSummary = Members.optional(billingModeSummary);
        itemCount = Members.optional(itemCount);
        tableSizeBytes = Members.optional(tableSizeBytes);
        localSecondaryIndexes = Members.list(localSecondaryIndexes);
        globalSecondaryIndexes = Members.list(globalSecondaryIndexes);
        streamSpecification = Members.optional(streamSpecification);
        sseDescription = Members.optional(sseDescription);
        restoreSummary = Members.optional(restoreSummary);
    }

    /** Whether the table is ACTIVE. */
    public boolean isActive() {
        return tableStatus.filter(ACTIVE::equals).isPresent();
    }

    /**
     * The billing mode: the summary's when present, else {@code PROVISIONED} (DynamoDB leaves the summary out for
     * tables that were always provisioned).
     */
    public String billingMode() {
        return billingModeSummary.flatMap(BillingModeSummary::billingMode).orElse("PROVISIONED");
    }

    /**
     * A table's or index's capacity units as DescribeTable reports them.
     *
     * @param readCapacityUnits      read capacity units (0 on demand)
     * @param writeCapacityUnits     write capacity units (0 on demand)
     * @param numberOfDecreasesToday decreases made in the current UTC day
     */
    public record ProvisionedThroughputDescription(
            Optional<Long> readCapacityUnits,
            Optional<Long> writeCapacityUnits,
            Optional<Long> numberOfDecreasesToday) {
        /** Absent members become empty. */
        public ProvisionedThroughputDescription {
            readCapacityUnits = Members.optional(readCapacityUnits);
            writeCapacityUnits = Members.optional(writeCapacityUnits);
            numberOfDecreasesToday = Members.optional(numberOfDecreasesToday);
        }
    }

    /**
     * The table's billing mode.
     *
     * @param billingMode {@code PROVISIONED} or {@code PAY_PER_REQUEST}
     */
    public record BillingModeSummary(Optional<String> billingMode) {
        /** An absent mode becomes empty. */
        public BillingModeSummary {
            billingMode = Members.optional(billingMode);
        }
    }

    /**
     * Where a restored table came from.
     *
     * @param sourceBackupArn   the backup restored
     * @param sourceTableArn    the table the backup was taken from
     * @param restoreDateTime   when the restore was requested
     * @param restoreInProgress whether the restore is still running
     */
    public record RestoreSummary(
            Optional<String> sourceBackupArn,
            Optional<String> sourceTableArn,
            Instant restoreDateTime,
            Boolean restoreInProgress) {
        /** @throws IllegalArgumentException when a required member is missing */
        public RestoreSummary {
            sourceBackupArn = Members.optional(sourceBackupArn);
            sourceTableArn = Members.optional(sourceTableArn);
            Members.required(restoreDateTime, "RestoreSummary.RestoreDateTime");
            Members.required(restoreInProgress, "RestoreSummary.RestoreInProgress");
        }
    }
}
