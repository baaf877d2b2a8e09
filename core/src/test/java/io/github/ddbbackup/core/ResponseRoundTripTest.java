package io.github.ddbbackup.core;

import io.github.ddbbackup.core.internal.WireCodec;
import static io.github.ddbbackup.core.ApiJson.BACKUP_ARN;
import static io.github.ddbbackup.core.ApiJson.CREATED;
import static io.github.ddbbackup.core.ApiJson.EXPIRES;
import static io.github.ddbbackup.core.ApiJson.KMS_KEY_ARN;
import static io.github.ddbbackup.core.ApiJson.TABLE_ARN;
import static io.github.ddbbackup.core.ApiJson.TABLE_CREATED;
import static io.github.ddbbackup.core.ApiJson.TABLE_ID;
import static io.github.ddbbackup.core.ApiJson.assertSameJson;
import static io.github.ddbbackup.core.ApiJson.decode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.core.SourceTableDetails.KeySchemaElement;
import io.github.ddbbackup.core.SourceTableDetails.OnDemandThroughput;
import io.github.ddbbackup.core.SourceTableDetails.ProvisionedThroughput;
import io.github.ddbbackup.core.SourceTableFeatureDetails.GlobalSecondaryIndexInfo;
import io.github.ddbbackup.core.SourceTableFeatureDetails.LocalSecondaryIndexInfo;
import io.github.ddbbackup.core.SourceTableFeatureDetails.Projection;
import io.github.ddbbackup.core.SourceTableFeatureDetails.SseDescription;
import io.github.ddbbackup.core.SourceTableFeatureDetails.StreamSpecification;
import io.github.ddbbackup.core.SourceTableFeatureDetails.TimeToLiveDescription;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every response model decoded from JSON shaped as the API reference's response syntax, each member checked, then
 * encoded back to the same document (the emulator's direction).
 */
class ResponseRoundTripTest {

    private static final WireCodec CODEC = WireCodec.shared();

    @Test
    void createBackupResponseDecodesEveryMemberAndEncodesBack() {
        CreateBackupResponse response = decode(Operation.CREATE_BACKUP, ApiJson.CREATE_BACKUP_RESPONSE);

        BackupDetails details = response.backupDetails();
        assertEquals(BACKUP_ARN, details.backupArn());
        assertEquals("orders-nightly", details.backupName());
        assertEquals(BackupStatus.CREATING, details.backupStatus());
        assertEquals(BackupType.USER, details.backupType());
        assertEquals(CREATED, details.backupCreationDateTime());
        assertEquals(Optional.empty(), details.backupSizeBytes(), "absent optional member");
        assertEquals(Optional.empty(), details.backupExpiryDateTime(), "absent optional member");
        assertSameJson(ApiJson.CREATE_BACKUP_RESPONSE, CODEC.encode(response));
    }

    @Test
    void backupDetailsWithEveryMemberPresent() {
        BackupDetails details = CODEC.decode(ApiJson.utf8(ApiJson.BACKUP_DETAILS), BackupDetails.class);

        assertEquals(new BackupDetails(BACKUP_ARN, "orders-nightly", Optional.of(123456789L), BackupStatus.AVAILABLE,
                BackupType.SYSTEM, CREATED, Optional.of(EXPIRES)), details);
        assertSameJson(ApiJson.BACKUP_DETAILS, CODEC.encode(details));
    }

    @Test
    void describeBackupResponseDecodesSourceTableDetails() {
        SourceTableDetails table = decode(Operation.DESCRIBE_BACKUP, ApiJson.DESCRIBE_BACKUP_RESPONSE)
                .backupDescription().sourceTableDetails().orElseThrow();

        assertEquals("orders", table.tableName());
        assertEquals(TABLE_ID, table.tableId());
        assertEquals(Optional.of(TABLE_ARN), table.tableArn());
        assertEquals(Optional.of(987654L), table.tableSizeBytes());
        assertEquals(List.of(new KeySchemaElement("customerId", "HASH"), new KeySchemaElement("orderId", "RANGE")),
                table.keySchema());
        assertEquals(TABLE_CREATED, table.tableCreationDateTime());
        assertEquals(new ProvisionedThroughput(5L, 10L), table.provisionedThroughput());
        assertEquals(Optional.of(new OnDemandThroughput(Optional.of(400L), Optional.of(100L))),
                table.onDemandThroughput());
        assertEquals(Optional.of(4200L), table.itemCount());
        assertEquals(Optional.of("PROVISIONED"), table.billingMode());
    }

    @Test
    void describeBackupResponseDecodesFeatureDetailsWithTheirOddMemberNames() {
        SourceTableFeatureDetails features = decode(Operation.DESCRIBE_BACKUP, ApiJson.DESCRIBE_BACKUP_RESPONSE)
                .backupDescription().sourceTableFeatureDetails().orElseThrow();

        assertEquals(List.of(new GlobalSecondaryIndexInfo(Optional.of("byStatus"),
                        List.of(new KeySchemaElement("status", "HASH")),
                        Optional.of(new Projection(Optional.of("INCLUDE"), List.of("total", "currency"))),
                        Optional.of(new ProvisionedThroughput(1L, 2L)),
                        Optional.of(new OnDemandThroughput(Optional.of(50L), Optional.of(25L))))),
                features.globalSecondaryIndexes());
        assertEquals(List.of(new LocalSecondaryIndexInfo(Optional.of("byDate"),
                        List.of(new KeySchemaElement("customerId", "HASH"), new KeySchemaElement("orderDate", "RANGE")),
                        Optional.of(new Projection(Optional.of("KEYS_ONLY"), List.of())))),
                features.localSecondaryIndexes());
        assertEquals(Optional.of(new StreamSpecification(true, Optional.of("NEW_AND_OLD_IMAGES"))),
                features.streamDescription());
        assertEquals(Optional.of(new TimeToLiveDescription(Optional.of("ENABLED"), Optional.of("expiresAt"))),
                features.timeToLiveDescription());
        // SSEDescription, SSEType, KMSMasterKeyArn: not what PascalCase naming would derive from the Java names.
        assertEquals(Optional.of(new SseDescription(Optional.of("ENABLED"), Optional.of("KMS"), Optional.of(KMS_KEY_ARN),
                        Optional.of(Instant.ofEpochMilli(1795264400001L)))),
                features.sseDescription());
    }

    @Test
    void describeBackupResponseEncodesBackToTheSameDocument() {
        DescribeBackupResponse response = decode(Operation.DESCRIBE_BACKUP, ApiJson.DESCRIBE_BACKUP_RESPONSE);

        assertEquals(BackupStatus.AVAILABLE, response.backupDescription().backupDetails().orElseThrow().backupStatus());
        assertSameJson(ApiJson.DESCRIBE_BACKUP_RESPONSE, CODEC.encode(response));
    }

    @Test
    void deleteBackupResponseRoundTrips() {
        DeleteBackupResponse response = decode(Operation.DELETE_BACKUP, ApiJson.DELETE_BACKUP_RESPONSE);

        BackupDetails details = response.backupDescription().backupDetails().orElseThrow();
        assertEquals(BackupStatus.DELETED, details.backupStatus());
        assertEquals(BACKUP_ARN, details.backupArn());
        assertTrue(response.backupDescription().sourceTableFeatureDetails().isPresent());
        assertSameJson(ApiJson.DELETE_BACKUP_RESPONSE, CODEC.encode(response));
    }

    @Test
    void backupDescriptionWithOnlyBackupDetails() {
        String body = "{\"BackupDescription\":{\"BackupDetails\":" + ApiJson.BACKUP_DETAILS + "}}";

        BackupDescription description = decode(Operation.DESCRIBE_BACKUP, body).backupDescription();

        assertTrue(description.backupDetails().isPresent());
        assertEquals(Optional.empty(), description.sourceTableDetails());
        assertEquals(Optional.empty(), description.sourceTableFeatureDetails());
        assertSameJson(body, CODEC.encode(new DescribeBackupResponse(description)));
    }

    @Test
    void emptyFeatureDetailsDecodeToEmptyMembersAndEncodeToAnEmptyObject() {
        SourceTableFeatureDetails features = CODEC.decode(ApiJson.utf8("{}"), SourceTableFeatureDetails.class);

        assertEquals(new SourceTableFeatureDetails(List.of(), List.of(), Optional.empty(), Optional.empty(),
                Optional.empty()), features);
        assertEquals("{}", ApiJson.text(CODEC.encode(features)), "empty lists and empty optionals are omitted");
    }

    @Test
    void listBackupsResponseWithFullAndEmptySummaries() {
        ListBackupsResponse response = decode(Operation.LIST_BACKUPS, ApiJson.LIST_BACKUPS_RESPONSE);

        assertEquals(2, response.backupSummaries().size());
        assertEquals(new BackupSummary(Optional.of("orders"), Optional.of(TABLE_ID), Optional.of(TABLE_ARN),
                Optional.of(BACKUP_ARN), Optional.of("orders-nightly"), Optional.of(CREATED), Optional.of(EXPIRES),
                Optional.of(BackupStatus.AVAILABLE), Optional.of(BackupType.SYSTEM), Optional.of(123456789L)),
                response.backupSummaries().get(0));
        assertEquals(new BackupSummary(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty()), response.backupSummaries().get(1), "every BackupSummary member is optional");
        assertEquals(Optional.of(BACKUP_ARN), response.lastEvaluatedBackupArn());
        assertSameJson(ApiJson.LIST_BACKUPS_RESPONSE, CODEC.encode(response));
    }

    @Test
    void listBackupsLastPageHasNoLastEvaluatedBackupArn() {
        ListBackupsResponse response = decode(Operation.LIST_BACKUPS, "{\"BackupSummaries\":[]}");

        assertEquals(List.of(), response.backupSummaries());
        assertEquals(Optional.empty(), response.lastEvaluatedBackupArn());
        assertEquals("{\"BackupSummaries\":[]}", ApiJson.text(CODEC.encode(response)));
    }

    @Test
    void listBackupsResponseWithoutSummariesGivesAnEmptyList() {
        ListBackupsResponse response = decode(Operation.LIST_BACKUPS, "{\"LastEvaluatedBackupArn\":null}");

        assertEquals(List.of(), response.backupSummaries());
        assertEquals(Optional.empty(), response.lastEvaluatedBackupArn(), "JSON null is the same as absent");
    }

    @Test
    void listTablesResponseRoundTrips() {
        ListTablesResponse response = decode(Operation.LIST_TABLES, ApiJson.LIST_TABLES_RESPONSE);

        assertEquals(List.of("customers", "orders"), response.tableNames());
        assertEquals(Optional.of("orders"), response.lastEvaluatedTableName());
        assertSameJson(ApiJson.LIST_TABLES_RESPONSE, CODEC.encode(response));
    }

    @Test
    void listTablesLastPage() {
        ListTablesResponse response = decode(Operation.LIST_TABLES, "{\"TableNames\":[\"orders\"]}");

        assertEquals(Optional.empty(), response.lastEvaluatedTableName());
        assertEquals("{\"TableNames\":[\"orders\"]}", ApiJson.text(CODEC.encode(response)));
    }

    @Test
    void decodedListsAreImmutable() {
        ListTablesResponse response = decode(Operation.LIST_TABLES, ApiJson.LIST_TABLES_RESPONSE);

        assertThrows(UnsupportedOperationException.class, () -> response.tableNames().add("sneaky"));
    }

    @Test
    void unknownMembersAreIgnoredAtEveryLevel() {
        String body = """
                {"Extra": {"deep": [1, 2, {"x": null}]},
                 "BackupDetails": {"BackupArn": "%s", "BackupCreationDateTime": 1795264347.487,
                   "BackupName": "orders-nightly", "BackupStatus": "CREATING", "BackupType": "USER",
                   "FutureMember": "whatever", "AnotherOne": 42}}""".formatted(BACKUP_ARN);

        CreateBackupResponse response = decode(Operation.CREATE_BACKUP, body);

        assertEquals(decode(Operation.CREATE_BACKUP, ApiJson.CREATE_BACKUP_RESPONSE), response);
    }

    @Test
    void unknownBackupStatusAndTypeAreKeptAsReceived() {
        String body = ApiJson.CREATE_BACKUP_RESPONSE.replace("\"CREATING\"", "\"ACTIVE\"")
                .replace("\"USER\"", "\"SCHEDULED\"");

        BackupDetails details = decode(Operation.CREATE_BACKUP, body).backupDetails();

        assertEquals("ACTIVE", details.backupStatus().value());
        assertFalse(details.backupStatus().isKnown());
        assertEquals("SCHEDULED", details.backupType().value());
        assertFalse(details.backupType().isKnown());
        assertSameJson(body, CODEC.encode(new CreateBackupResponse(details)));
    }
}
