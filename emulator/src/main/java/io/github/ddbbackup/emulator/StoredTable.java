package io.github.ddbbackup.emulator;

import io.github.ddbbackup.core.SourceTableDetails;
import io.github.ddbbackup.core.SourceTableDetails.KeySchemaElement;
import io.github.ddbbackup.emulator.TableShapes.AttributeDefinition;
import io.github.ddbbackup.emulator.TableShapes.BillingModeSummary;
import io.github.ddbbackup.emulator.TableShapes.ProvisionedThroughputDescription;
import io.github.ddbbackup.emulator.TableShapes.TableDescription;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A table of the emulated account. Its status is computed from the clock: CREATING before {@code activeAt}, ACTIVE
 * from then on. Tables are empty (0 items, 0 bytes).
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
        boolean continuousBackupsAvailable) {

    static final String ACTIVE = "ACTIVE";
    static final String CREATING = "CREATING";
    static final String DELETING = "DELETING";

    String status(Instant now) {
        return now.isBefore(activeAt) ? CREATING : ACTIVE;
    }

    StoredTable withActiveAt(Instant newActiveAt) {
        return new StoredTable(name, id, arn, createdAt, newActiveAt, attributeDefinitions, keySchema, billingMode,
                readCapacityUnits, writeCapacityUnits, continuousBackupsAvailable);
    }

    StoredTable withContinuousBackupsAvailable(boolean available) {
        return new StoredTable(name, id, arn, createdAt, activeAt, attributeDefinitions, keySchema, billingMode,
                readCapacityUnits, writeCapacityUnits, available);
    }

    TableDescription description(String status) {
        return new TableDescription(name, id, arn, status, createdAt, attributeDefinitions, keySchema,
                new ProvisionedThroughputDescription(readCapacityUnits, writeCapacityUnits, 0L),
                Optional.of(new BillingModeSummary(billingMode)), 0L, 0L);
    }

    SourceTableDetails sourceTableDetails() {
        return new SourceTableDetails(name, id, Optional.of(arn), Optional.of(0L), keySchema, createdAt,
                new SourceTableDetails.ProvisionedThroughput(readCapacityUnits, writeCapacityUnits),
                Optional.empty(), Optional.of(0L), Optional.of(billingMode));
    }
}
