package io.github.ddbbackup.core;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The table a backup was taken from, as it was at backup time.
 *
 * @param tableName             its name
 * @param tableId               its unique id
 * @param tableArn              its ARN
 * @param tableSizeBytes        its size
 * @param keySchema             its partition key, and sort key if any
 * @param tableCreationDateTime when the table was created
 * @param provisionedThroughput its capacity units (both 0 for an on-demand table)
 * @param onDemandThroughput    its maximum request units, for an on-demand table that has them
 * @param itemCount             its number of items
 * @param billingMode           {@code PROVISIONED} or {@code PAY_PER_REQUEST}
 */
public record SourceTableDetails(
        String tableName,
        String tableId,
        Optional<String> tableArn,
        Optional<Long> tableSizeBytes,
        List<KeySchemaElement> keySchema,
        Instant tableCreationDateTime,
        ProvisionedThroughput provisionedThroughput,
        Optional<OnDemandThroughput> onDemandThroughput,
        Optional<Long> itemCount,
        Optional<String> billingMode) {

    /**
     * Checks the members DynamoDB always sends; absent optional members become empty.
     *
     * @throws IllegalArgumentException when a required member is missing (the codec reports that response as
     *                                  malformed)
     */
    public SourceTableDetails {
        Members.required(tableName, "SourceTableDetails.TableName");
        Members.required(tableId, "SourceTableDetails.TableId");
        tableArn = Members.optional(tableArn);
        tableSizeBytes = Members.optional(tableSizeBytes);
        keySchema = Members.list(Members.required(keySchema, "SourceTableDetails.KeySchema"));
        Members.required(tableCreationDateTime, "SourceTableDetails.TableCreationDateTime");
        Members.required(provisionedThroughput, "SourceTableDetails.ProvisionedThroughput");
        onDemandThroughput = Members.optional(onDemandThroughput);
        itemCount = Members.optional(itemCount);
        billingMode = Members.optional(billingMode);
    }

    /**
     * One attribute of a key schema.
     *
     * @param attributeName the attribute
     * @param keyType       {@code HASH} (partition key) or {@code RANGE} (sort key)
     */
    public record KeySchemaElement(String attributeName, String keyType) {
        /** @throws IllegalArgumentException when a member is missing */
        public KeySchemaElement {
            Members.required(attributeName, "KeySchemaElement.AttributeName");
            Members.required(keyType, "KeySchemaElement.KeyType");
        }
    }

    /**
     * Read and write capacity units; both 0 for on-demand tables.
     *
     * @param readCapacityUnits  read capacity units
     * @param writeCapacityUnits write capacity units
     */
    public record ProvisionedThroughput(Long readCapacityUnits, Long writeCapacityUnits) {
        /** @throws IllegalArgumentException when a member is missing */
        public ProvisionedThroughput {
            Members.required(readCapacityUnits, "ProvisionedThroughput.ReadCapacityUnits");
            Members.required(writeCapacityUnits, "ProvisionedThroughput.WriteCapacityUnits");
        }
    }

    /**
     * The maximum request units of an on-demand table or index.
     *
     * @param maxReadRequestUnits  the read ceiling, if one is set
     * @param maxWriteRequestUnits the write ceiling, if one is set
     */
    public record OnDemandThroughput(Optional<Long> maxReadRequestUnits, Optional<Long> maxWriteRequestUnits) {
        /** Absent members become empty. */
        public OnDemandThroughput {
            maxReadRequestUnits = Members.optional(maxReadRequestUnits);
            maxWriteRequestUnits = Members.optional(maxWriteRequestUnits);
        }
    }
}
