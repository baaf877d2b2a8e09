package io.github.ddbbackup.core;

import io.github.ddbbackup.core.internal.WireCodec;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bodies shaped exactly as the request and response syntax of the DynamoDB API reference, with realistic values, and
 * the helpers the codec tests share.
 */
final class ApiJson {

    static final String TABLE_ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/orders";
    static final String BACKUP_ARN = TABLE_ARN + "/backup/01795264347487-1a2b3c4d";
    static final String TABLE_ID = "e4b2a1c0-3f5d-4e6a-9b7c-8d9e0f1a2b3c";
    static final String KMS_KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    /** 1795264347.487 epoch seconds: the timestamp the issue names. */
    static final Instant CREATED = Instant.ofEpochMilli(1795264347487L);
    static final Instant EXPIRES = Instant.ofEpochSecond(1797856347);
    static final Instant TABLE_CREATED = Instant.ofEpochMilli(1700000000250L);

    static final String BACKUP_DETAILS = """
            {
              "BackupArn": "%s",
              "BackupCreationDateTime": 1795264347.487,
              "BackupExpiryDateTime": 1797856347,
              "BackupName": "orders-nightly",
              "BackupSizeBytes": 123456789,
              "BackupStatus": "AVAILABLE",
              "BackupType": "SYSTEM"
            }""".formatted(BACKUP_ARN);

    static final String CREATE_BACKUP_RESPONSE = """
            {
              "BackupDetails": {
                "BackupArn": "%s",
                "BackupCreationDateTime": 1795264347.487,
                "BackupName": "orders-nightly",
                "BackupStatus": "CREATING",
                "BackupType": "USER"
              }
            }""".formatted(BACKUP_ARN);

    static final String SOURCE_TABLE_DETAILS = """
            {
              "BillingMode": "PROVISIONED",
              "ItemCount": 4200,
              "KeySchema": [
                {"AttributeName": "customerId", "KeyType": "HASH"},
                {"AttributeName": "orderId", "KeyType": "RANGE"}
              ],
              "OnDemandThroughput": {"MaxReadRequestUnits": 400, "MaxWriteRequestUnits": 100},
              "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 10},
              "TableArn": "%s",
              "TableCreationDateTime": 1700000000.25,
              "TableId": "%s",
              "TableName": "orders",
              "TableSizeBytes": 987654
            }""".formatted(TABLE_ARN, TABLE_ID);

    static final String SOURCE_TABLE_FEATURE_DETAILS = """
            {
              "GlobalSecondaryIndexes": [
                {
                  "IndexName": "byStatus",
                  "KeySchema": [{"AttributeName": "status", "KeyType": "HASH"}],
                  "OnDemandThroughput": {"MaxReadRequestUnits": 50, "MaxWriteRequestUnits": 25},
                  "Projection": {"NonKeyAttributes": ["total", "currency"], "ProjectionType": "INCLUDE"},
                  "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 2}
                }
              ],
              "LocalSecondaryIndexes": [
                {
                  "IndexName": "byDate",
                  "KeySchema": [
                    {"AttributeName": "customerId", "KeyType": "HASH"},
                    {"AttributeName": "orderDate", "KeyType": "RANGE"}
                  ],
                  "Projection": {"ProjectionType": "KEYS_ONLY"}
                }
              ],
              "SSEDescription": {
                "InaccessibleEncryptionDateTime": 1795264400.001,
                "KMSMasterKeyArn": "%s",
                "SSEType": "KMS",
                "Status": "ENABLED"
              },
              "StreamDescription": {"StreamEnabled": true, "StreamViewType": "NEW_AND_OLD_IMAGES"},
              "TimeToLiveDescription": {"AttributeName": "expiresAt", "TimeToLiveStatus": "ENABLED"}
            }""".formatted(KMS_KEY_ARN);

    static final String BACKUP_DESCRIPTION = """
            {
              "BackupDetails": %s,
              "SourceTableDetails": %s,
              "SourceTableFeatureDetails": %s
            }""".formatted(BACKUP_DETAILS, SOURCE_TABLE_DETAILS, SOURCE_TABLE_FEATURE_DETAILS);

    static final String DESCRIBE_BACKUP_RESPONSE = "{\"BackupDescription\": " + BACKUP_DESCRIPTION + "}";
    static final String DELETE_BACKUP_RESPONSE = DESCRIBE_BACKUP_RESPONSE.replace("\"AVAILABLE\"", "\"DELETED\"");

    static final String LIST_BACKUPS_RESPONSE = """
            {
              "BackupSummaries": [
                {
                  "BackupArn": "%s",
                  "BackupCreationDateTime": 1795264347.487,
                  "BackupExpiryDateTime": 1797856347,
                  "BackupName": "orders-nightly",
                  "BackupSizeBytes": 123456789,
                  "BackupStatus": "AVAILABLE",
                  "BackupType": "SYSTEM",
                  "TableArn": "%s",
                  "TableId": "%s",
                  "TableName": "orders"
                },
                {}
              ],
              "LastEvaluatedBackupArn": "%s"
            }""".formatted(BACKUP_ARN, TABLE_ARN, TABLE_ID, BACKUP_ARN);

    static final String LIST_TABLES_RESPONSE = """
            {"LastEvaluatedTableName": "orders", "TableNames": ["customers", "orders"]}""";

    private static final JsonMapper TREES = JsonMapper.builder().build();

    private ApiJson() {
    }

    static byte[] utf8(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Same JSON document, member order aside: nothing lost, renamed or added. */
    static void assertSameJson(String expected, byte[] actual) {
        JsonNode want = TREES.readTree(expected);
        JsonNode got = TREES.readTree(actual);
        assertEquals(want, got, () -> "expected " + want + "\n but was " + got);
    }

    static <O> O decode(Operation<?, O> operation, String body) {
        return WireCodec.shared().decodeResponse(operation, utf8(body), 200, "req-1");
    }
}
