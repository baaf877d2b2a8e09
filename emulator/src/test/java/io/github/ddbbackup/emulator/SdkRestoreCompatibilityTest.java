package io.github.ddbbackup.emulator;

import static io.github.ddbbackup.emulator.SdkClients.await;
import static io.github.ddbbackup.emulator.SdkClients.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.core.BackupType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.BackupInUseException;
import software.amazon.awssdk.services.dynamodb.model.BackupNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ContinuousBackupsDescription;
import software.amazon.awssdk.services.dynamodb.model.ContinuousBackupsUnavailableException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.LimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ListTagsOfResourceResponse;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryStatus;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableAlreadyExistsException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.Tag;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * The official AWS SDK v2 async client against the emulator for the operations of a restore: RestoreTableFromBackup,
 * DescribeTable, DeleteTable, ListTagsOfResource (paged), TagResource, UntagResource, DescribeTimeToLive,
 * UpdateTimeToLive, DescribeContinuousBackups and UpdateContinuousBackups. Each succeeds and decodes, each error
 * arrives as the SDK's typed exception, and the restore limits hold (on the test's clock: nothing sleeps).
 */
class SdkRestoreCompatibilityTest extends SdkAgainstEmulator {

    private String backupOf(String table) {
        return emulator.putBackup(table, table + "-1", BackupType.USER).backupArn();
    }

    @Test
    void aRestoredTableIsCreatingForTheRestoreDelayThenActiveWithTheBackupsSchemaAndItemCount() {
        start(builder -> builder.restoreDelay(Duration.ofMinutes(3)));
        emulator.createTable("orders");
        emulator.setItemCount("orders", 1234);
        String backupArn = backupOf("orders");

        TableDescription restored = await(client.restoreTableFromBackup(b -> b.targetTableName("orders-restored")
                .backupArn(backupArn).billingModeOverride(BillingMode.PROVISIONED)
                .provisionedThroughputOverride(t -> t.readCapacityUnits(4L).writeCapacityUnits(6L))))
                .tableDescription();
        assertEquals(TableStatus.CREATING, restored.tableStatus());
        assertEquals(backupArn, restored.restoreSummary().sourceBackupArn());
        assertEquals(emulator.tableArn("orders"), restored.restoreSummary().sourceTableArn());
        assertTrue(restored.restoreSummary().restoreInProgress());

        clock.advance(Duration.ofMinutes(3).minusMillis(1));
        assertEquals(TableStatus.CREATING, await(client.describeTable(b -> b.tableName("orders-restored")))
                .table().tableStatus());
        clock.advance(Duration.ofMillis(1));
        TableDescription active = await(client.describeTable(b -> b.tableName("orders-restored"))).table();
        assertEquals(TableStatus.ACTIVE, active.tableStatus());
        assertFalse(active.restoreSummary().restoreInProgress());
        assertEquals(1234L, active.itemCount());
        assertEquals("pk", active.keySchema().get(0).attributeName());
        assertEquals("pk", active.attributeDefinitions().get(0).attributeName());
        assertEquals(BillingMode.PROVISIONED, active.billingModeSummary().billingMode());
        assertEquals(4L, active.provisionedThroughput().readCapacityUnits());
        assertEquals(6L, active.provisionedThroughput().writeCapacityUnits());

        TableDescription deleted = await(client.deleteTable(b -> b.tableName("orders-restored"))).tableDescription();
        assertEquals(TableStatus.DELETING, deleted.tableStatus());
        failure(client.describeTable(b -> b.tableName("orders-restored")), ResourceNotFoundException.class);
    }

    @Test
    void restoreErrorsArriveAsTheSdksTypedExceptions() {
        start(builder -> builder.backupCreationDelay(Duration.ofSeconds(30)));
        emulator.createTable("orders");
        String creating = backupOf("orders");
        failure(client.restoreTableFromBackup(b -> b.targetTableName("copy").backupArn(creating)),
                BackupInUseException.class);
        clock.advance(Duration.ofSeconds(30));
        failure(client.restoreTableFromBackup(b -> b.targetTableName("orders").backupArn(creating)),
                TableAlreadyExistsException.class);
        failure(client.restoreTableFromBackup(b -> b.targetTableName("copy")
                .backupArn(emulator.tableArn("orders") + "/backup/01700000000000-0123abcd")),
                BackupNotFoundException.class);
        DynamoDbException invalid = failure(client.restoreTableFromBackup(b -> b.targetTableName("x")
                .backupArn(creating)), DynamoDbException.class);
        assertEquals("ValidationException", invalid.awsErrorDetails().errorCode());
        assertFalse(emulator.hasTable("copy"));
    }

    @Test
    void theFiftyFirstRestoreInProgressIsRefusedUntilOneBecomesActive() {
        // Within the 5 minutes the SDK's signature (dated by the wall clock) stays valid on the emulator's clock.
        start(builder -> builder.restoreDelay(Duration.ofMinutes(4)).rateLimits(EmulatorRateLimits.NONE));
        emulator.createTable("orders");
        String backupArn = backupOf("orders");
        for (int i = 0; i < 50; i++) {
            String target = "copy-" + i;
            await(client.restoreTableFromBackup(b -> b.targetTableName(target).backupArn(backupArn)));
            clock.advance(Duration.ofMillis(100));
        }
        LimitExceededException refused = failure(client.restoreTableFromBackup(b -> b.targetTableName("copy-50")
                .backupArn(backupArn)), LimitExceededException.class);
        assertTrue(refused.awsErrorDetails().errorMessage().contains("50 restores"), refused.getMessage());
        assertFalse(emulator.hasTable("copy-50"));
        assertEquals(50, emulator.mostRestoresInProgress());

        // copy-0 was asked 5 s ago: ACTIVE 4 minutes after it, so its place is free from then on.
        clock.advance(Duration.ofMinutes(4).minusSeconds(5).minusMillis(1));
        failure(client.restoreTableFromBackup(b -> b.targetTableName("copy-50").backupArn(backupArn)),
                LimitExceededException.class);
        clock.advance(Duration.ofMillis(1));
        await(client.restoreTableFromBackup(b -> b.targetTableName("copy-50").backupArn(backupArn)));
        assertTrue(emulator.hasTable("copy-50"));
        assertEquals(53, emulator.stats().callCount("RestoreTableFromBackup"), "50 restores, 2 refused, 1 more");
    }

    @Test
    void restoreTableFromBackupIsLimitedToTenCallsPerSecond() {
        start(builder -> { });
        emulator.createTable("orders");
        String backupArn = backupOf("orders");
        List<Integer> refused = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String target = "copy-" + i;
            try {
                client.restoreTableFromBackup(b -> b.targetTableName(target).backupArn(backupArn))
                        .get(SdkClients.TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                assertTrue(e.getCause() instanceof LimitExceededException, e.getCause().toString());
                refused.add(i);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            clock.advance(Duration.ofMillis(50));
        }
        assertEquals(List.of(10, 11), refused);
        assertEquals(10, emulator.stats().maxCallsInAnyWindow("RestoreTableFromBackup"));
    }

    @Test
    void tagsAreAddedOverwrittenListedPageByPageAndRemoved() {
        start(builder -> { });
        emulator.createTable("orders");
        String arn = emulator.tableArn("orders");
        List<Tag> tags = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            tags.add(Tag.builder().key(String.format("key-%02d", i)).value("v" + i).build());
        }
        await(client.tagResource(b -> b.resourceArn(arn).tags(tags.subList(0, 5))));
        await(client.tagResource(b -> b.resourceArn(arn).tags(tags.subList(5, 10))));
        clock.advance(Duration.ofSeconds(1));
        await(client.tagResource(b -> b.resourceArn(arn).tags(tags.subList(10, 25))));
        await(client.tagResource(b -> b.resourceArn(arn).tags(Tag.builder().key("key-00").value("new").build())));

        Map<String, String> listed = new TreeMap<>();
        int pages = 0;
        String token = null;
        do {
            String from = token;
            ListTagsOfResourceResponse page = await(client.listTagsOfResource(b -> b.resourceArn(arn).nextToken(from)));
            page.tags().forEach(tag -> listed.put(tag.key(), tag.value()));
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertEquals(25, listed.size());
        assertEquals("new", listed.get("key-00"));
        assertEquals(3, pages, "10 tags a page");

        await(client.untagResource(b -> b.resourceArn(arn).tagKeys("key-00", "key-01")));
        assertEquals(23, emulator.tags("orders").size());
        assertFalse(emulator.tags("orders").containsKey("key-00"));

        DynamoDbException reserved = failure(client.tagResource(b -> b.resourceArn(arn)
                .tags(Tag.builder().key("aws:owner").value("x").build())), DynamoDbException.class);
        assertEquals("ValidationException", reserved.awsErrorDetails().errorCode());
        failure(client.listTagsOfResource(b -> b.resourceArn(emulator.tableArn("missing"))),
                ResourceNotFoundException.class);
    }

    @Test
    void tagResourceIsLimitedToFiveCallsPerSecond() {
        start(builder -> { });
        emulator.createTable("orders");
        String arn = emulator.tableArn("orders");
        for (int i = 0; i < 5; i++) {
            String key = "k" + i;
            await(client.tagResource(b -> b.resourceArn(arn).tags(Tag.builder().key(key).value("v").build())));
        }
        failure(client.tagResource(b -> b.resourceArn(arn).tags(Tag.builder().key("k5").value("v").build())),
                LimitExceededException.class);
        // UntagResource has a budget of its own.
        await(client.untagResource(b -> b.resourceArn(arn).tagKeys("k0")));
        assertEquals(4, emulator.tags("orders").size());
        assertEquals(1, emulator.stats().limitExceededCount("TagResource"));
        clock.advance(Duration.ofSeconds(1));
        await(client.tagResource(b -> b.resourceArn(arn).tags(Tag.builder().key("k5").value("v").build())));
    }

    @Test
    void timeToLiveIsEnabledAndASecondChangeWithinTheHourIsRefused() {
        start(builder -> { });
        emulator.createTable("orders");
        assertEquals(TimeToLiveStatus.DISABLED, await(client.describeTimeToLive(b -> b.tableName("orders")))
                .timeToLiveDescription().timeToLiveStatus());
        assertEquals("expiresAt", await(client.updateTimeToLive(b -> b.tableName("orders")
                .timeToLiveSpecification(s -> s.enabled(true).attributeName("expiresAt"))))
                .timeToLiveSpecification().attributeName());
        var description = await(client.describeTimeToLive(b -> b.tableName("orders"))).timeToLiveDescription();
        assertEquals(TimeToLiveStatus.ENABLED, description.timeToLiveStatus());
        assertEquals("expiresAt", description.attributeName());

        DynamoDbException again = failure(client.updateTimeToLive(b -> b.tableName("orders")
                .timeToLiveSpecification(s -> s.enabled(false).attributeName("expiresAt"))), DynamoDbException.class);
        assertEquals("ValidationException", again.awsErrorDetails().errorCode());
        assertTrue(again.awsErrorDetails().errorMessage().contains("multiple times"), again.getMessage());
        failure(client.describeTimeToLive(b -> b.tableName("missing")), ResourceNotFoundException.class);
    }

    @Test
    void pointInTimeRecoveryIsSwitchedOnAndReported() {
        start(builder -> { });
        emulator.createTable("orders");
        ContinuousBackupsDescription before = await(client.describeContinuousBackups(b -> b.tableName("orders")))
                .continuousBackupsDescription();
        assertEquals(PointInTimeRecoveryStatus.DISABLED,
                before.pointInTimeRecoveryDescription().pointInTimeRecoveryStatus());
        ContinuousBackupsDescription after = await(client.updateContinuousBackups(b -> b.tableName("orders")
                .pointInTimeRecoverySpecification(s -> s.pointInTimeRecoveryEnabled(true))))
                .continuousBackupsDescription();
        assertEquals(PointInTimeRecoveryStatus.ENABLED, after.pointInTimeRecoveryDescription()
                .pointInTimeRecoveryStatus());
        assertEquals(35, after.pointInTimeRecoveryDescription().recoveryPeriodInDays());
        assertEquals(PointInTimeRecoveryStatus.ENABLED, await(client.describeContinuousBackups(
                b -> b.tableName(emulator.tableArn("orders")))).continuousBackupsDescription()
                .pointInTimeRecoveryDescription().pointInTimeRecoveryStatus());

        emulator.setContinuousBackupsAvailable("orders", false);
        failure(client.updateContinuousBackups(b -> b.tableName("orders")
                .pointInTimeRecoverySpecification(s -> s.pointInTimeRecoveryEnabled(true))),
                ContinuousBackupsUnavailableException.class);
        failure(client.updateContinuousBackups(b -> b.tableName("missing")
                .pointInTimeRecoverySpecification(s -> s.pointInTimeRecoveryEnabled(true))),
                TableNotFoundException.class);
    }

    @Test
    void theRecoveryPeriodAskedForIsKeptAndReportedAndOneOutsideOneToThirtyFiveDaysIsRefused() {
        start(builder -> { });
        // Created ten days ago (the clock is back at the signing time for the calls: SigV4 dates must match).
        clock.advance(Duration.ofDays(-10));
        emulator.createTable("orders");
        clock.advance(Duration.ofDays(10));

        ContinuousBackupsDescription seven = await(client.updateContinuousBackups(b -> b.tableName("orders")
                .pointInTimeRecoverySpecification(s -> s.pointInTimeRecoveryEnabled(true).recoveryPeriodInDays(7))))
                .continuousBackupsDescription();

        assertEquals(7, seven.pointInTimeRecoveryDescription().recoveryPeriodInDays());
        ContinuousBackupsDescription described = await(client.describeContinuousBackups(b -> b.tableName("orders")))
                .continuousBackupsDescription();
        assertEquals(7, described.pointInTimeRecoveryDescription().recoveryPeriodInDays());
        // Ten days old, restorable for seven: back to seven days ago, not to its creation.
        assertEquals(described.pointInTimeRecoveryDescription().latestRestorableDateTime().minus(Duration.ofDays(7)),
                described.pointInTimeRecoveryDescription().earliestRestorableDateTime());
        for (int outside : new int[] {0, 36}) {
            DynamoDbException refused = failure(client.updateContinuousBackups(b -> b.tableName("orders")
                    .pointInTimeRecoverySpecification(s -> s.pointInTimeRecoveryEnabled(true)
                            .recoveryPeriodInDays(outside))), DynamoDbException.class);
            assertEquals("ValidationException", refused.awsErrorDetails().errorCode(), "" + outside);
        }
        assertEquals(7, await(client.describeContinuousBackups(b -> b.tableName("orders")))
                .continuousBackupsDescription().pointInTimeRecoveryDescription().recoveryPeriodInDays(),
                "a refused change leaves the period as it was");
        // Without a period DynamoDB's default applies again.
        assertEquals(35, await(client.updateContinuousBackups(b -> b.tableName("orders")
                .pointInTimeRecoverySpecification(s -> s.pointInTimeRecoveryEnabled(true))))
                .continuousBackupsDescription().pointInTimeRecoveryDescription().recoveryPeriodInDays());
    }
}
