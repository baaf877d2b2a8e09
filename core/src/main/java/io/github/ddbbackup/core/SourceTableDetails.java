package io.github.ddbbackup.core;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The table a backup was taken from, as it was at backup time. */
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

    /** One attribute of a key schema: its name and {@code HASH} or {@code RANGE}. */
    public record KeySchemaElement(String attributeName, String keyType) {
        public KeySchemaElement {
            Members.required(attributeName, "KeySchemaElement.AttributeName");
            Members.required(keyType, "KeySchemaElement.KeyType");
        }
    }

    /** Read and write capacity units; both 0 for on-demand tables. */
    public record ProvisionedThroughput(Long readCapacityUnits, Long writeCapacityUnits) {
        public ProvisionedThroughput {
            Members.required(readCapacityUnits, "ProvisionedThroughput.ReadCapacityUnits");
            Members.required(writeCapacityUnits, "ProvisionedThroughput.WriteCapacityUnits");
        }
    }

    /** The maximum request units of an on-demand table or index. */
    public record OnDemandThroughput(Optional<Long> maxReadRequestUnits, Optional<Long> maxWriteRequestUnits) {
        public OnDemandThroughput {
            maxReadRequestUnits = Members.optional(maxReadRequestUnits);
            maxWriteRequestUnits = Members.optional(maxWriteRequestUnits);
        }
    }
}
