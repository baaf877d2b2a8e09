package io.github.ddbbackup.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.ddbbackup.emulator.DynamoDbEmulator;
import io.github.ddbbackup.emulator.DynamoDbEmulatorExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.netty.resources.ConnectionPoolMetrics;
import software.amazon.awssdk.regions.Region;

/**
 * The builder's hooks for frameworks: a region provider in place of the SDK's default chain, and HTTP client
 * customizers that add to each other instead of replacing.
 */
class BuilderHooksTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    final DynamoDbEmulatorExtension dynamoDb = DynamoDbEmulatorExtension.onDemand();

    @Test
    void theRegionProviderIsAskedWhenNoRegionIsSet() {
        DynamoDbBackupClient client = DynamoDbBackupClient.builder().regionProvider(() -> Region.EU_NORTH_1).build();
        try {
            assertEquals("eu-north-1", client.region());
        } finally {
            client.closeLater().block(WAIT);
        }
    }

    @Test
    void aSetRegionWinsAndTheProviderIsNotAsked() {
        DynamoDbBackupClient client = DynamoDbBackupClient.builder().region("eu-west-1")
                .regionProvider(() -> {
                    throw new AssertionError("asked");
                }).build();
        try {
            assertEquals("eu-west-1", client.region());
        } finally {
            client.closeLater().block(WAIT);
        }
    }

    @Test
    void aFailingRegionProviderFailsBuild() {
        IllegalStateException failure = new IllegalStateException("no region here");
        assertEquals(failure, assertThrows(IllegalStateException.class, () -> DynamoDbBackupClient.builder()
                .regionProvider(() -> {
                    throw failure;
                }).build()));
    }

    @Test
    void httpClientCustomizersAddUpInTheOrderGiven() {
        DynamoDbEmulator emulator = dynamoDb.start();
        emulator.createTable("orders");
        List<String> seen = new CopyOnWriteArrayList<>();
        DynamoDbBackupClient client = EmulatorClients.builder(emulator, new AtomicReference<ConnectionPoolMetrics>())
                .httpClientCustomizer(http -> http.doOnRequest((request, connection) -> seen.add("first")))
                .httpClientCustomizer(http -> http.doOnRequest((request, connection) -> seen.add("second")))
                .build();
        try {
            assertEquals(List.of("orders"), client.listTables().collectList().block(WAIT));
            assertEquals(List.of("first", "second"), seen);
        } finally {
            client.closeLater().block(WAIT);
        }
    }
}
