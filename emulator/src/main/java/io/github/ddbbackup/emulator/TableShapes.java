package io.github.ddbbackup.emulator;

import io.github.ddbbackup.core.AttributeDefinition;
import io.github.ddbbackup.core.Operation;
import io.github.ddbbackup.core.RequestValidationException;
import io.github.ddbbackup.core.SourceTableDetails.KeySchemaElement;
import io.github.ddbbackup.core.internal.Validation;
import io.github.ddbbackup.core.TableDescription;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The wire shapes of CreateTable, the one operation the emulator serves that the library does not call (tests create
 * tables with it), in core's conventions: PascalCase members, absent members omitted, requests validated when decoded.
 * Only the members the emulator uses; unknown ones are ignored.
 */
final class TableShapes {

    static final String PROVISIONED = "PROVISIONED";
    static final String PAY_PER_REQUEST = "PAY_PER_REQUEST";

    static final Operation<CreateTableRequest, CreateTableResponse> CREATE_TABLE =
            Operation.of("CreateTable", CreateTableRequest.class, CreateTableResponse.class);

    private TableShapes() {
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

    record CreateTableResponse(TableDescription tableDescription) {
    }
}
