package io.github.ddbbackup.emulator;

import static io.github.ddbbackup.emulator.SdkClients.await;
import static io.github.ddbbackup.emulator.SdkClients.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.Crc32MismatchException;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BackupDescription;
import software.amazon.awssdk.services.dynamodb.model.BackupDetails;
import software.amazon.awssdk.services.dynamodb.model.BackupInUseException;
import software.amazon.awssdk.services.dynamodb.model.BackupNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.BackupStatus;
import software.amazon.awssdk.services.dynamodb.model.BackupSummary;
import software.amazon.awssdk.services.dynamodb.model.BackupType;
import software.amazon.awssdk.services.dynamodb.model.ListBackupsResponse;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ContinuousBackupsStatus;
import software.amazon.awssdk.services.dynamodb.model.ContinuousBackupsUnavailableException;
import software.amazon.awssdk.services.dynamodb.model.CreateBackupResponse;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableInUseException;
import software.amazon.awssdk.services.dynamodb.model.TableNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * The official AWS SDK v2 async client (Netty NIO HTTP client, retries off) against the emulator: every operation
 * succeeds and decodes, every error case arrives as the SDK's typed exception. The SDK also checks
 * {@code x-amz-crc32} on every response, so each passing call proves the checksum too.
 */
class SdkCompatibilityTest extends SdkAgainstEmulator {

    private static final Pattern BACKUP_ARN = Pattern.compile(
            "arn:aws:dynamodb:us-east-1:123456789012:table/orders/backup/(\\d{14})-[0-9a-f]{8}");


    private static CreateTableRequest onDemandTable(String name) {
        return CreateTableRequest.builder()
                .tableName(name)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("id")
                        .attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .build();
    }

    @Test
    void everyOperationSucceedsThroughTheSdk() {
        start(builder -> { });
        TableDescription created = await(client.createTable(onDemandTable("orders"))).tableDescription();
        assertEquals(TableStatus.CREATING, created.tableStatus());
        assertEquals(emulator.tableArn("orders"), created.tableArn());

        TableDescription table = await(client.describeTable(b -> b.tableName("orders"))).table();
        assertEquals(TableStatus.ACTIVE, table.tableStatus());
        assertEquals(BillingMode.PAY_PER_REQUEST, table.billingModeSummary().billingMode());
        assertEquals("id", table.keySchema().get(0).attributeName());
        assertEquals(List.of("orders"), await(client.listTables()).tableNames());

        BackupDetails details = await(client.createBackup(b -> b.tableName(emulator.tableArn("orders"))
                .backupName("orders-1"))).backupDetails();
        Matcher arn = BACKUP_ARN.matcher(details.backupArn());
        assertTrue(arn.matches(), details.backupArn());
        assertEquals(details.backupCreationDateTime().toEpochMilli(), Long.parseLong(arn.group(1)));
        assertEquals(clock.instant(), details.backupCreationDateTime());
        assertEquals(BackupStatus.CREATING, details.backupStatus());
        assertEquals(BackupType.USER, details.backupType());
        assertEquals("orders-1", details.backupName());

        BackupDescription description = await(client.describeBackup(b -> b.backupArn(details.backupArn())))
                .backupDescription();
        assertEquals(BackupStatus.AVAILABLE, description.backupDetails().backupStatus());
        assertEquals(0L, description.backupDetails().backupSizeBytes());
        assertEquals("orders", description.sourceTableDetails().tableName());
        assertEquals(table.tableId(), description.sourceTableDetails().tableId());
        assertEquals(table.tableArn(), description.sourceTableDetails().tableArn());
        assertEquals(table.keySchema(), description.sourceTableDetails().keySchema());
        assertEquals(BillingMode.PAY_PER_REQUEST, description.sourceTableDetails().billingMode());
        assertEquals(0L, description.sourceTableDetails().itemCount());
        assertEquals(table.creationDateTime(), description.sourceTableDetails().tableCreationDateTime());

        List<BackupSummary> summaries = await(client.listBackups(b -> b.tableName("orders"))).backupSummaries();
        assertEquals(1, summaries.size());
        assertEquals(details.backupArn(), summaries.get(0).backupArn());
        assertEquals(table.tableId(), summaries.get(0).tableId());
        assertEquals(BackupStatus.AVAILABLE, summaries.get(0).backupStatus());

        assertEquals(ContinuousBackupsStatus.ENABLED, await(client.describeContinuousBackups(
                b -> b.tableName("orders"))).continuousBackupsDescription().continuousBackupsStatus());

        BackupDescription deleted = await(client.deleteBackup(b -> b.backupArn(details.backupArn())))
                .backupDescription();
        assertEquals(BackupStatus.DELETED, deleted.backupDetails().backupStatus());
        failure(client.describeBackup(b -> b.backupArn(details.backupArn())), BackupNotFoundException.class);

        assertEquals(TableStatus.DELETING, await(client.deleteTable(b -> b.tableName("orders")))
                .tableDescription().tableStatus());
        failure(client.describeTable(b -> b.tableName("orders")), ResourceNotFoundException.class);
        assertEquals(List.of(), await(client.listTables()).tableNames());

        for (String operation : List.of("CreateTable", "DescribeTable", "ListTables", "CreateBackup",
                "DescribeBackup", "ListBackups", "DescribeContinuousBackups", "DeleteBackup", "DeleteTable")) {
            assertTrue(emulator.stats().callCount(operation) >= 1, operation);
        }
    }

    @Test
    void provisionedTablesKeepTheirThroughputAndCreateTableIsValidated() {
        start(builder -> { });
        await(client.createTable(onDemandTable("orders").toBuilder().billingMode(BillingMode.PROVISIONED)
                .provisionedThroughput(t -> t.readCapacityUnits(5L).writeCapacityUnits(7L)).build()));
        TableDescription table = await(client.describeTable(b -> b.tableName("orders"))).table();
        assertEquals(5L, table.provisionedThroughput().readCapacityUnits());
        assertEquals(7L, table.provisionedThroughput().writeCapacityUnits());

        DynamoDbException missingThroughput = failure(client.createTable(onDemandTable("other").toBuilder()
                .billingMode(BillingMode.PROVISIONED).build()), DynamoDbException.class);
        assertEquals("ValidationException", missingThroughput.awsErrorDetails().errorCode());
        assertTrue(missingThroughput.awsErrorDetails().errorMessage().contains("ProvisionedThroughput"));
        failure(client.createTable(onDemandTable("orders")), ResourceInUseException.class);
    }

    @Test
    void unknownTableGivesTableNotFoundException() {
        start(builder -> { });
        TableNotFoundException error = failure(client.createBackup(b -> b.tableName("missing")
                .backupName("backup-1")), TableNotFoundException.class);
        assertEquals(400, error.statusCode());
        assertEquals(emulator.stats().requests("CreateBackup").get(0).requestId(), error.requestId());
        failure(client.createBackup(b -> b.tableName("arn:aws:dynamodb:us-east-1:999999999999:table/missing")
                .backupName("backup-1")), TableNotFoundException.class);
        failure(client.describeContinuousBackups(b -> b.tableName("missing")), TableNotFoundException.class);
    }

    @Test
    void unknownBackupGivesBackupNotFoundException() {
        start(builder -> { });
        String arn = emulator.tableArn("orders") + "/backup/01700000000000-0123abcd";
        failure(client.describeBackup(b -> b.backupArn(arn)), BackupNotFoundException.class);
        failure(client.deleteBackup(b -> b.backupArn(arn)), BackupNotFoundException.class);
    }

    @Test
    void deletingABackupStillCreatingGivesBackupInUseException() {
        start(builder -> builder.backupCreationDelay(Duration.ofSeconds(30)));
        emulator.createTable("orders");
        String arn = await(client.createBackup(b -> b.tableName("orders").backupName("orders-1")))
                .backupDetails().backupArn();
        assertEquals(BackupStatus.CREATING, await(client.describeBackup(b -> b.backupArn(arn)))
                .backupDescription().backupDetails().backupStatus());
        failure(client.deleteBackup(b -> b.backupArn(arn)), BackupInUseException.class);

        clock.advance(Duration.ofSeconds(30));
        assertEquals(BackupStatus.AVAILABLE, await(client.describeBackup(b -> b.backupArn(arn)))
                .backupDescription().backupDetails().backupStatus());
        assertEquals(BackupStatus.DELETED, await(client.deleteBackup(b -> b.backupArn(arn)))
                .backupDescription().backupDetails().backupStatus());
    }

    @Test
    void concurrentBackupsOfOneTableAreAllowedByDefaultAndRejectedWhenSwitchedOn() {
        start(builder -> builder.backupCreationDelay(Duration.ofSeconds(30)));
        emulator.createTable("orders");
        await(client.createBackup(b -> b.tableName("orders").backupName("first")));
        await(client.createBackup(b -> b.tableName("orders").backupName("second")));
        assertEquals(2, emulator.stats().backupCount("orders"));
        stop();

        start(builder -> builder.backupCreationDelay(Duration.ofSeconds(30)).rejectConcurrentBackups(true));
        emulator.createTable("orders");
        emulator.createTable("other");
        await(client.createBackup(b -> b.tableName("orders").backupName("first")));
        failure(client.createBackup(b -> b.tableName("orders").backupName("second")), BackupInUseException.class);
        await(client.createBackup(b -> b.tableName("other").backupName("first")));
        clock.advance(Duration.ofSeconds(30));
        await(client.createBackup(b -> b.tableName("orders").backupName("third")));
        assertEquals(2, emulator.stats().backupCount("orders"));
    }

    @Test
    void tableNotActiveGivesTableInUseException() {
        start(builder -> { });
        emulator.createTable("orders");
        emulator.setTableCreating("orders", Duration.ofSeconds(20));
        failure(client.createBackup(b -> b.tableName("orders").backupName("orders-1")), TableInUseException.class);
        assertEquals(TableStatus.CREATING, await(client.describeTable(b -> b.tableName("orders"))).table()
                .tableStatus());
        failure(client.deleteTable(b -> b.tableName("orders")), ResourceInUseException.class);
        clock.advance(Duration.ofSeconds(20));
        await(client.createBackup(b -> b.tableName("orders").backupName("orders-1")));
    }

    @Test
    void tablesMadeByCreateTableStayCreatingForTheConfiguredDelay() {
        start(builder -> builder.tableCreationDelay(Duration.ofSeconds(10)));
        await(client.createTable(onDemandTable("orders")));
        failure(client.createBackup(b -> b.tableName("orders").backupName("orders-1")), TableInUseException.class);
        clock.advance(Duration.ofSeconds(10));
        assertEquals(TableStatus.ACTIVE, await(client.describeTable(b -> b.tableName("orders"))).table()
                .tableStatus());
    }

    @Test
    void listedBackupsStayCreatingForTheConfiguredDelayAndAPageHoldsAHundredWithoutALimit() {
        start(builder -> builder.backupCreationDelay(Duration.ofSeconds(2)).rateLimits(EmulatorRateLimits.NONE));
        emulator.createTable("orders");
        String arn = await(client.createBackup(b -> b.tableName("orders").backupName("orders-1"))).backupDetails()
                .backupArn();
        clock.advance(Duration.ofSeconds(2).minusMillis(1));
        BackupSummary creating = await(client.listBackups(b -> b.tableName("orders"))).backupSummaries().get(0);
        assertEquals(arn, creating.backupArn());
        assertEquals(BackupStatus.CREATING, creating.backupStatus(), "listed as DescribeBackup would show it");
        clock.advance(Duration.ofMillis(1));
        assertEquals(BackupStatus.AVAILABLE, await(client.listBackups(b -> b.tableName("orders"))).backupSummaries()
                .get(0).backupStatus());

        for (int i = 2; i <= 150; i++) {
            emulator.putBackup("orders", "orders-" + i, io.github.ddbbackup.core.BackupType.USER);
        }
        ListBackupsResponse first = await(client.listBackups(b -> { }));
        assertEquals(100, first.backupSummaries().size(), "DynamoDB's page when the request has no Limit");
        assertEquals(first.backupSummaries().get(99).backupArn(), first.lastEvaluatedBackupArn());
        ListBackupsResponse last = await(client.listBackups(b -> b.exclusiveStartBackupArn(
                first.lastEvaluatedBackupArn())));
        assertEquals(50, last.backupSummaries().size());
        assertNull(last.lastEvaluatedBackupArn(), "the last page says so by having none");
    }

    @Test
    void backupsSwitchedOffGiveContinuousBackupsUnavailableException() {
        start(builder -> { });
        emulator.createTable("orders");
        emulator.setContinuousBackupsAvailable("orders", false);
        failure(client.createBackup(b -> b.tableName("orders").backupName("orders-1")),
                ContinuousBackupsUnavailableException.class);
        assertEquals(ContinuousBackupsStatus.DISABLED, await(client.describeContinuousBackups(
                b -> b.tableName("orders"))).continuousBackupsDescription().continuousBackupsStatus());
        emulator.setContinuousBackupsAvailable("orders", true);
        await(client.createBackup(b -> b.tableName("orders").backupName("orders-1")));
    }

    @Test
    void rateLimitGivesLimitExceededException() {
        start(builder -> builder.rateLimits(EmulatorRateLimits.DEFAULT.with("ListBackups", 1)));
        await(client.listBackups(b -> { }));
        LimitExceededException error = failure(client.listBackups(b -> { }), LimitExceededException.class);
        assertEquals(400, error.statusCode());
        assertFalse(error.isThrottlingException());
    }

    @Test
    void invalidInputGivesValidationExceptionWithCoresMessage() {
        start(builder -> { });
        emulator.createTable("orders");
        DynamoDbException error = failure(client.createBackup(b -> b.tableName("orders").backupName("ab")),
                DynamoDbException.class);
        assertEquals("ValidationException", error.awsErrorDetails().errorCode());
        assertEquals("BackupName: \"ab\" violates length 3..255", error.awsErrorDetails().errorMessage());
        assertEquals(0, emulator.stats().backupCount("orders"));
    }

    @Test
    void injectedErrorsArriveAsTheSdksTypedExceptions() {
        start(builder -> { });
        emulator.createTable("orders");
        emulator.faults().script("CreateBackup", Fault.error(500, "InternalServerError"),
                Fault.error(400, "ThrottlingException", "Rate of requests exceeds the allowed throughput."));
        failure(client.createBackup(b -> b.tableName("orders").backupName("orders-1")),
                InternalServerErrorException.class);
        DynamoDbException throttled = failure(client.createBackup(b -> b.tableName("orders")
                .backupName("orders-1")), DynamoDbException.class);
        assertTrue(throttled.isThrottlingException());
        assertEquals("Rate of requests exceeds the allowed throughput.", throttled.awsErrorDetails().errorMessage());
        assertEquals(0, emulator.stats().backupCount("orders"));
        CreateBackupResponse third = await(client.createBackup(b -> b.tableName("orders").backupName("orders-1")));
        assertNotNull(third.backupDetails().backupArn());
    }

    @Test
    void theSdkRejectsAWrongCrc32ThoughTheOperationRan() {
        start(builder -> { });
        emulator.createTable("orders");
        emulator.faults().script("CreateBackup", Fault.wrongCrc32());
        Crc32MismatchException error = failure(client.createBackup(b -> b.tableName("orders")
                .backupName("orders-1")), Crc32MismatchException.class);
        assertNotEquals(null, error.getMessage());
        assertEquals(1, emulator.stats().backupCount("orders"));
    }

    @Test
    void sessionCredentialsAreAccepted() {
        start(builder -> builder.sessionToken("FwoGZXIvYXdzEXAMPLETOKEN"));
        emulator.createTable("orders");
        assertEquals(List.of("orders"), await(client.listTables()).tableNames());
        assertEquals(ReceivedRequest.REDACTED, emulator.stats().requests().get(0).header("X-Amz-Security-Token")
                .orElseThrow());
    }
}
