package io.github.ddbbackup.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.core.SourceTableDetails.KeySchemaElement;
import io.github.ddbbackup.core.SourceTableDetails.ProvisionedThroughput;
import io.github.ddbbackup.core.SourceTableFeatureDetails.GlobalSecondaryIndexInfo;
import io.github.ddbbackup.core.SourceTableFeatureDetails.Projection;
import io.github.ddbbackup.core.UpdateContinuousBackupsRequest.PointInTimeRecoverySpecification;
import io.github.ddbbackup.core.internal.WireCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The models of the restore operations: requests validated as the API reference says (the message names the member),
 * encoded with DynamoDB's member names, and answers decoded, an empty TagResource answer included.
 */
class RestoreModelsTest {

    static final String BACKUP_ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/orders/backup/"
            + "01795264347487-0123abcd";

    private static void rejected(String field, Executable build) {
        RequestValidationException e = assertThrows(RequestValidationException.class, build);
        assertEquals(field, e.field(), e.getMessage());
    }

    private static GlobalSecondaryIndexInfo index(String name, Optional<Projection> projection) {
        return new GlobalSecondaryIndexInfo(Optional.ofNullable(name), List.of(new KeySchemaElement("gsk", "HASH")),
                projection, Optional.empty(), Optional.empty());
    }

    @Test
    void restoreRequestsAreValidatedMemberByMember() {
        rejected("TargetTableName", () -> RestoreRequest.builder("ab", BACKUP_ARN).build());
        rejected("TargetTableName", () -> RestoreRequest.builder("orders copy", BACKUP_ARN).build());
        rejected("BackupArn", () -> RestoreRequest.builder("orders-copy", "arn:short").build());
        rejected("BillingModeOverride", () -> RestoreRequest.builder("orders-copy", BACKUP_ARN)
                .billingModeOverride("ON_DEMAND").build());
        rejected("ProvisionedThroughputOverride.ReadCapacityUnits", () -> RestoreRequest.builder("orders-copy",
                BACKUP_ARN).provisionedThroughputOverride(new ProvisionedThroughput(0L, 5L)).build());
        rejected("GlobalSecondaryIndexOverride.IndexName", () -> RestoreRequest.builder("orders-copy", BACKUP_ARN)
                .globalSecondaryIndexOverride(List.of(index(null, Optional.empty()))).build());
        rejected("GlobalSecondaryIndexOverride.Projection", () -> RestoreRequest.builder("orders-copy", BACKUP_ARN)
                .globalSecondaryIndexOverride(List.of(index("by-gsk", Optional.empty()))).build());
        rejected("SSESpecificationOverride.SSEType", () -> RestoreRequest.builder("orders-copy", BACKUP_ARN)
                .sseSpecificationOverride(new RestoreRequest.SseSpecification(Optional.of(true),
                        Optional.of("RSA"), Optional.empty())).build());
    }

    @Test
    void aRestoreRequestIsWrittenWithDynamoDbsMemberNamesAndWithoutAbsentOverrides() {
        RestoreRequest request = RestoreRequest.builder("orders-copy", BACKUP_ARN)
                .billingModeOverride("PAY_PER_REQUEST")
                .globalSecondaryIndexOverride(List.of(index("by-gsk",
                        Optional.of(new Projection(Optional.of("ALL"), List.of())))))
                .sseSpecificationOverride(new RestoreRequest.SseSpecification(Optional.of(true), Optional.of("KMS"),
                        Optional.of("alias/orders")))
                .build();
        String json = new String(WireCodec.shared().encode(request), StandardCharsets.UTF_8);
        assertEquals("{\"TargetTableName\":\"orders-copy\",\"BackupArn\":\"" + BACKUP_ARN + "\","
                + "\"BillingModeOverride\":\"PAY_PER_REQUEST\",\"GlobalSecondaryIndexOverride\":[{\"IndexName\":"
                + "\"by-gsk\",\"KeySchema\":[{\"AttributeName\":\"gsk\",\"KeyType\":\"HASH\"}],\"Projection\":"
                + "{\"ProjectionType\":\"ALL\"}}],\"SSESpecificationOverride\":{\"Enabled\":true,\"SSEType\":\"KMS\","
                + "\"KMSMasterKeyId\":\"alias/orders\"}}", json);
        assertEquals(request, WireCodec.shared().decodeRequest(RestoreRequest.class,
                json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void tagTimeToLiveAndRecoveryRequestsAreValidated() {
        rejected("Tag.Key", () -> new Tag("", "v"));
        rejected("Tag.Key", () -> new Tag("k".repeat(129), "v"));
        rejected("Tag.Value", () -> new Tag("k", "v".repeat(257)));
        rejected("Tags", () -> new TagResourceRequest("arn", List.of()));
        rejected("Tags", () -> new TagResourceRequest("arn", List.of(new Tag("k", "1"), new Tag("k", "2"))));
        rejected("TagKeys", () -> new UntagResourceRequest("arn", List.of()));
        rejected("ResourceArn", () -> ListTagsOfResourceRequest.firstPage(""));
        rejected("TimeToLiveSpecification.AttributeName", () -> new TimeToLiveSpecification(true, ""));
        rejected("PointInTimeRecoverySpecification.RecoveryPeriodInDays",
                () -> new PointInTimeRecoverySpecification(true, 36));
        rejected("TableName", () -> new TableNameRequest("x"));
    }

    @Test
    void answersDecodeIntoTheModelAndAnEmptyTagResourceAnswerIsSuccess() {
        byte[] describe = ("{\"Table\":{\"TableName\":\"orders\",\"TableStatus\":\"ACTIVE\",\"ItemCount\":7,"
                + "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"}],"
                + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}],"
                + "\"BillingModeSummary\":{\"BillingMode\":\"PAY_PER_REQUEST\"},"
                + "\"SSEDescription\":{\"Status\":\"ENABLED\",\"SSEType\":\"KMS\"},"
                + "\"RestoreSummary\":{\"SourceBackupArn\":\"" + BACKUP_ARN + "\",\"RestoreDateTime\":1795264347.5,"
                + "\"RestoreInProgress\":false},\"TableClassSummary\":{\"TableClass\":\"STANDARD\"}}}")
                .getBytes(StandardCharsets.UTF_8);
        TableDescription table = WireCodec.shared().decodeResponse(Operation.DESCRIBE_TABLE, describe, 200, "rid")
                .table();
        assertTrue(table.isActive());
        assertEquals(Optional.of(7L), table.itemCount());
        assertEquals("PAY_PER_REQUEST", table.billingMode());
        assertEquals(Optional.of("KMS"), table.sseDescription().orElseThrow().sseType());
        assertEquals(Optional.of(BACKUP_ARN), table.restoreSummary().orElseThrow().sourceBackupArn());
        assertEquals("PROVISIONED", new TableDescription("t", null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null).billingMode(), "no summary: always provisioned");

        assertEquals(EmptyResponse.INSTANCE, WireCodec.shared().decodeResponse(Operation.TAG_RESOURCE, new byte[0],
                200, "rid"));
        assertEquals(EmptyResponse.INSTANCE, WireCodec.shared().decodeResponse(Operation.UNTAG_RESOURCE,
                "{}".getBytes(StandardCharsets.UTF_8), 200, "rid"));
        assertEquals("{}", new String(WireCodec.shared().encode(EmptyResponse.INSTANCE), StandardCharsets.UTF_8));
    }
}
