package io.github.ddbbackup.emulator;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.ddbbackup.core.Operation;
import io.github.ddbbackup.core.RequestValidationException;
import io.github.ddbbackup.core.SourceTableDetails.KeySchemaElement;
import io.github.ddbbackup.core.internal.Validation;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The wire shapes of the table operations the emulator serves beside the backup API (CreateTable, DeleteTable,
 * DescribeTable, DescribeContinuousBackups), in core's conventions: PascalCase members, absent members omitted,
 * requests validated when decoded. Only the members the emulator uses; unknown ones are ignored.
 */
final class TableShapes {

    static final String PROVISIONED = "PROVISIONED";
    static final String PAY_PER_REQUEST = "PAY_PER_REQUEST";

    static final Operation<CreateTableRequest, CreateTableResponse> CREATE_TABLE =
            Operation.of("CreateTable", CreateTableRequest.class, CreateTableResponse.class);
    static final Operation<TableRequest, DeleteTableResponse> DELETE_TABLE =
            Operation.of("DeleteTable", TableRequest.class, DeleteTableResponse.class);
    static final Operation<TableRequest, DescribeTableResponse> DESCRIBE_TABLE =
            Operation.of("DescribeTable", TableRequest.class, DescribeTableResponse.class);
    static final Operation<TableRequest, DescribeContinuousBackupsResponse> DESCRIBE_CONTINUOUS_BACKUPS =
            Operation.of("DescribeContinuousBackups", TableRequest.class, DescribeContinuousBackupsResponse.class);

    private static final Set<String> ATTRIBUTE_TYPES = Set.of("S", "N", "B");

    private TableShapes() {
    }

    /** The input of DeleteTable, DescribeTable and DescribeContinuousBackups: a table name or ARN. */
    record TableRequest(String tableName) {
        TableRequest {
            Validation.tableNameOrArn("TableName", tableName);
        }
    }

    record AttributeDefinition(String attributeName, String attributeType) {
        AttributeDefinition {
            if (attributeName == null || attributeName.isEmpty() || attributeName.length() > 255) {
                throw new RequestValidationException("AttributeDefinition.AttributeName", attributeName,
                        "length 1..255");
            }
            if (!ATTRIBUTE_TYPES.contains(attributeType)) {
                throw new RequestValidationException("AttributeDefinition.AttributeType", attributeType,
                        "one of " + ATTRIBUTE_TYPES);
            }
        }
    }

    /** Read and write capacity units of a provisioned table, each at least 1. */
    record ProvisionedThroughput(Long readCapacityUnits, Long writeCapacityUnits) {
        ProvisionedThroughput {
            if (readCapacityUnits == null || readCapacityUnits < 1) {
                throw new RequestValidationException("ProvisionedThroughput.ReadCapacityUnits", readCapacityUnits,
                        "at least 1");
            }
            if (writeCapacityUnits == null || writeCapacityUnits < 1) {
                throw new RequestValidationException("ProvisionedThroughput.WriteCapacityUnits", writeCapacityUnits,
                        "at least 1");
            }
        }
    }

    /**
     * CreateTable's input: a key schema of one HASH and at most one RANGE attribute, each defined in
     * AttributeDefinitions; BillingMode PROVISIONED (the default, needs ProvisionedThroughput) or PAY_PER_REQUEST
     * (refuses it).
     */
    record CreateTableRequest(
            String tableName,
            List<AttributeDefinition> attributeDefinitions,
            List<KeySchemaElement> keySchema,
            String billingMode,
            @Nullable ProvisionedThroughput provisionedThroughput) {

        CreateTableRequest {
            Validation.tableName("TableName", tableName);
            if (keySchema == null || keySchema.isEmpty() || keySchema.size() > 2) {
                throw new RequestValidationException("KeySchema", keySchema == null ? null : keySchema.size()
                        + " elements", "1..2 elements");
            }
            if (!"HASH".equals(keySchema.get(0).keyType())
                    || keySchema.size() == 2 && !"RANGE".equals(keySchema.get(1).keyType())) {
                throw new RequestValidationException("KeySchema", keySchema.stream().map(KeySchemaElement::keyType)
                        .collect(Collectors.joining(",")), "one HASH element, then at most one RANGE element");
            }
            if (attributeDefinitions == null || attributeDefinitions.isEmpty()) {
                throw new RequestValidationException("AttributeDefinitions", null, "required");
            }
            Set<String> defined = attributeDefinitions.stream().map(AttributeDefinition::attributeName)
                    .collect(Collectors.toSet());
            for (KeySchemaElement key : keySchema) {
                if (!defined.contains(key.attributeName())) {
                    throw new RequestValidationException("AttributeDefinitions", defined,
                            "must define every KeySchema attribute (missing " + key.attributeName() + ")");
                }
            }
            billingMode = billingMode == null ? PROVISIONED : billingMode;
            if (PROVISIONED.equals(billingMode)) {
                if (provisionedThroughput == null) {
                    throw new RequestValidationException("ProvisionedThroughput", null,
                            "required when BillingMode is PROVISIONED");
                }
            } else if (PAY_PER_REQUEST.equals(billingMode)) {
                if (provisionedThroughput != null) {
                    throw new RequestValidationException("ProvisionedThroughput", provisionedThroughput,
                            "must be absent when BillingMode is PAY_PER_REQUEST");
                }
            } else {
                throw new RequestValidationException("BillingMode", billingMode, "one of PROVISIONED, PAY_PER_REQUEST");
            }
            attributeDefinitions = List.copyOf(attributeDefinitions);
            keySchema = List.copyOf(keySchema);
        }
    }

    record ProvisionedThroughputDescription(Long readCapacityUnits, Long writeCapacityUnits,
                                            Long numberOfDecreasesToday) {
    }

    record BillingModeSummary(String billingMode) {
    }

    /** A table as DescribeTable, CreateTable and DeleteTable return it. */
    record TableDescription(
            String tableName,
            String tableId,
            String tableArn,
            String tableStatus,
            Instant creationDateTime,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<AttributeDefinition> attributeDefinitions,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<KeySchemaElement> keySchema,
            ProvisionedThroughputDescription provisionedThroughput,
            Optional<BillingModeSummary> billingModeSummary,
            Long itemCount,
            Long tableSizeBytes) {
    }

    record CreateTableResponse(TableDescription tableDescription) {
    }

    record DeleteTableResponse(TableDescription tableDescription) {
    }

    record DescribeTableResponse(TableDescription table) {
    }

    record PointInTimeRecoveryDescription(String pointInTimeRecoveryStatus) {
    }

    record ContinuousBackupsDescription(String continuousBackupsStatus,
                                        PointInTimeRecoveryDescription pointInTimeRecoveryDescription) {
    }

    record DescribeContinuousBackupsResponse(ContinuousBackupsDescription continuousBackupsDescription) {
    }
}
