package io.github.ddbbackup.emulator;

import io.github.ddbbackup.core.AttributeDefinition;
import io.github.ddbbackup.core.SourceTableDetails;
import io.github.ddbbackup.core.SourceTableDetails.KeySchemaElement;
import io.github.ddbbackup.core.TableDescription;
import io.github.ddbbackup.core.TableDescription.BillingModeSummary;
import io.github.ddbbackup.core.TableDescription.ProvisionedThroughputDescription;
import io.github.ddbbackup.core.TableDescription.RestoreSummary;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A table of the emulated account. Its status is computed from the clock: CREATING before {@code activeAt}, ACTIVE
 * from then on. It holds no items, only their count ({@code itemCount}, 0 unless set, or a restored backup's).
 *
 * @param restoredFrom for a restored table: the backup and its source table, and when the restore was asked
 */
record StoredTable(
        String name,
        String id,
        String arn,
        Instant createdAt,
        Instant activeAt,
        List<AttributeDefinition> attributeDefinitions,
        List<KeySchemaElement> keySchema,
        String billingMode,
        long readCapacityUnits,
        long writeCapacityUnits,
        boolean continuousBackupsAvailable,
        long itemCount,
        Optional<Restore> restoredFrom) {

    static final String ACTIVE = "ACTIVE";
    static final String CREATING = "CREATING";
    static final String DELETING = "DELETING";

    /** Where a restored table came from. */
    record Restore(String backupArn, String sourceTableArn, Instant requestedAt) {
    }

    String status(Instant now) {
        return now.isBefore(activeAt) ? CREATING : ACTIVE;
    }

    StoredTable withActiveAt(Instant newActiveAt) {
        return new StoredTable(name, id, arn, createdAt, newActiveAt, attributeDefinitions, keySchema, billingMode,
                readCapacityUnits, writeCapacityUnits, continuousBackupsAvailable, itemCount, restoredFrom);
    }

    StoredTable withContinuousBackupsAvailable(boolean available) {
        return new StoredTable(name, id, arn, createdAt, activeAt, attributeDefinitions, keySchema, billingMode,
                readCapacityUnits, writeCapacityUnits, available, itemCount, restoredFrom);
    }

    StoredTable withItemCount(long count) {
        return new StoredTable(name, id, arn, createdAt, activeAt, attributeDefinitions, keySchema, billingMode,
                readCapacityUnits, writeCapacityUnits, continuousBackupsAvailable, count, restoredFrom);
    }

    TableDescription description(String status) {
        Optional<RestoreSummary> restore = restoredFrom.map(from -> new RestoreSummary(Optional.of(from.backupArn()),
                Optional.of(from.sourceTableArn()), from.requestedAt(), CREATING.equals(status)));
        return new TableDescription(name, Optional.of(id), Optional.of(arn), Optional.of(status),
                Optional.of(createdAt), attributeDefinitions, keySchema,
                Optional.of(new ProvisionedThroughputDescription(Optional.of(readCapacityUnits),
                        Optional.of(writeCapacityUnits), Optional.of(0L))),
                Optional.of(new BillingModeSummary(Optional.of(billingMode))), Optional.of(itemCount),
                Optional.of(0L), List.of(), List.of(), Optional.empty(), Optional.empty(), restore);
    }

    SourceTableDetails sourceTableDetails() {
        return new SourceTableDetails(name, id, Optional.of(arn), Optional.of(0L), keySchema, createdAt,
                new SourceTableDetails.ProvisionedThroughput(readCapacityUnits, writeCapacityUnits),
                Optional.empty(), Optional.of(itemCount), Optional.of(billingMode));
    }
}
