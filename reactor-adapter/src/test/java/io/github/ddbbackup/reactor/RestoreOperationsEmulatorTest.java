package io.github.ddbbackup.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.core.BackupType;
import io.github.ddbbackup.core.ContinuousBackupsDescription;
import io.github.ddbbackup.core.RestoreRequest;
import io.github.ddbbackup.core.SourceTableDetails.ProvisionedThroughput;
import io.github.ddbbackup.core.TableDescription;
import io.github.ddbbackup.core.Tag;
import io.github.ddbbackup.core.TimeToLiveSpecification;
import io.github.ddbbackup.core.UpdateContinuousBackupsRequest.PointInTimeRecoverySpecification;
import io.github.ddbbackup.core.error.BackupNotFoundException;
import io.github.ddbbackup.core.error.ResourceNotFoundException;
import io.github.ddbbackup.core.error.TableAlreadyExistsException;
import io.github.ddbbackup.core.error.TableNotFoundException;
import io.github.ddbbackup.emulator.DynamoDbEmulator;
import io.github.ddbbackup.emulator.DynamoDbEmulatorExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

/**
 * The client's restore operations against the emulator over real HTTP on 127.0.0.1: each decodes DynamoDB's answer
 * into the core model, and each refusal arrives as its typed error.
 */
class RestoreOperationsEmulatorTest {

    static final Duration WAIT = EmulatorClientTest.WAIT;

    @RegisterExtension
    final DynamoDbEmulatorExtension dynamoDb = new DynamoDbEmulatorExtension();
    DynamoDbEmulator emulator;
    DynamoDbBackupClient client;

    @BeforeEach
    void start() {
        emulator = dynamoDb.emulator();
        client = EmulatorClients.builder(emulator, new AtomicReference<>()).build();
    }

    @AfterEach
    void stop() {
        client.close();
    }

    @Test
    void restoreDescribeAndDeleteATable() {
        emulator.createTable("orders");
        emulator.setItemCount("orders", 42);
        String backupArn = emulator.putBackup("orders", "orders-1", BackupType.USER).backupArn();

        TableDescription restored = client.restoreTableFromBackup(RestoreRequest.builder("orders-copy", backupArn)
                .billingModeOverride("PROVISIONED")
                .provisionedThroughputOverride(new ProvisionedThroughput(3L, 4L)).build()).block(WAIT);
        assertEquals("CREATING", restored.tableStatus().orElseThrow());
        assertEquals(backupArn, restored.restoreSummary().orElseThrow().sourceBackupArn().orElseThrow());

        TableDescription described = client.describeTable("orders-copy").block(WAIT);
        assertTrue(described.isActive());
        assertEquals(Long.valueOf(42), described.itemCount().orElseThrow());
        assertEquals("PROVISIONED", described.billingMode());
        assertEquals("pk", described.keySchema().get(0).attributeName());
        assertEquals("S", described.attributeDefinitions().get(0).attributeType());
        assertEquals(Long.valueOf(3), described.provisionedThroughput().orElseThrow().readCapacityUnits()
                .orElseThrow());

        StepVerifier.create(client.restoreTableFromBackup(RestoreRequest.builder("orders-copy", backupArn).build()))
                .expectError(TableAlreadyExistsException.class).verify(WAIT);
        StepVerifier.create(client.restoreTableFromBackup(RestoreRequest.builder("other",
                        emulator.tableArn("orders") + "/backup/01700000000000-0123abcd").build()))
                .expectError(BackupNotFoundException.class).verify(WAIT);

        assertEquals("DELETING", client.deleteTable("orders-copy").block(WAIT).tableStatus().orElseThrow());
        StepVerifier.create(client.describeTable("orders-copy"))
                .expectError(ResourceNotFoundException.class).verify(WAIT);
    }

    @Test
    void tagsAreListedAcrossPagesAddedAndRemoved() {
        emulator.createTable("orders");
        String arn = emulator.tableArn("orders");
        List<Tag> tags = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            tags.add(new Tag(String.format("k%02d", i), "v" + i));
        }
        client.tagResource(arn, tags).block(WAIT);
        Map<String, String> listed = new TreeMap<>();
        client.listTagsOfResource(arn).doOnNext(tag -> listed.put(tag.key(), tag.value())).blockLast(WAIT);
        assertEquals(23, listed.size(), "three pages of at most 10");
        assertEquals("v22", listed.get("k22"));
        assertTrue(emulator.stats().callCount("ListTagsOfResource") >= 3);

        client.untagResource(arn, List.of("k00", "k22")).block(WAIT);
        assertEquals(21, emulator.tags("orders").size());
        assertFalse(emulator.tags("orders").containsKey("k22"));
    }

    @Test
    void timeToLiveAndPointInTimeRecoveryAreReadAndSet() {
        emulator.createTable("orders");
        assertEquals("DISABLED", client.describeTimeToLive("orders").block(WAIT).timeToLiveStatus().orElseThrow());
        assertEquals(new TimeToLiveSpecification(true, "expiresAt"),
                client.updateTimeToLive("orders", new TimeToLiveSpecification(true, "expiresAt")).block(WAIT));
        assertEquals("expiresAt", client.describeTimeToLive("orders").block(WAIT).attributeName().orElseThrow());

        assertFalse(client.describeContinuousBackups("orders").block(WAIT).pointInTimeRecoveryEnabled());
        ContinuousBackupsDescription enabled = client.updateContinuousBackups("orders",
                new PointInTimeRecoverySpecification(true, null)).block(WAIT);
        assertTrue(enabled.pointInTimeRecoveryEnabled());
        assertTrue(client.describeContinuousBackups("orders").block(WAIT).pointInTimeRecoveryEnabled());
        StepVerifier.create(client.describeContinuousBackups("missing"))
                .expectError(TableNotFoundException.class).verify(WAIT);
    }
}
