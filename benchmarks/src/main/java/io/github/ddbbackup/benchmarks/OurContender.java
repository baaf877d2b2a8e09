package io.github.ddbbackup.benchmarks;

import io.github.ddbbackup.emulator.DynamoDbEmulator;
import io.github.ddbbackup.reactor.DynamoDbBackupClient;
import io.github.ddbbackup.reactor.DynamoDbBackupClientBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.github.ddbbackup.ratelimit.RateLimits;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** This project's client, subscribed to directly. */
final class OurContender implements Contender {

    /** The label of our client with a Micrometer registry attached (issue 19's overhead). */
    static final String METERED = "ours-metered";

    private final DynamoDbBackupClient client;
    private final String label;

    OurContender(DynamoDbBackupClient client) {
        this(client, "ours");
    }

    private OurContender(DynamoDbBackupClient client, String label) {
        this.client = client;
        this.label = label;
    }

    /**
     * Our client on the emulator with {@code maxConnections} pooled connections, default retries and timeouts, and
     * the given client-side rate limits ({@link RateLimits#NONE} to measure the client rather than the limiter).
     */
    static OurContender on(DynamoDbEmulator emulator, int maxConnections, RateLimits rateLimits) {
        return new OurContender(client(emulator, maxConnections, rateLimits));
    }

    /** As {@link #on}, with every meter of the client recorded in a {@link SimpleMeterRegistry}. */
    static OurContender metered(DynamoDbEmulator emulator, int maxConnections, RateLimits rateLimits) {
        return new OurContender(builder(emulator, maxConnections, rateLimits)
                .meterRegistry(new SimpleMeterRegistry()).build(), METERED);
    }

    static DynamoDbBackupClient client(DynamoDbEmulator emulator, int maxConnections, RateLimits rateLimits) {
        return builder(emulator, maxConnections, rateLimits).build();
    }

    private static DynamoDbBackupClientBuilder builder(DynamoDbEmulator emulator, int maxConnections,
                                                       RateLimits rateLimits) {
        return DynamoDbBackupClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(emulator.region())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(emulator.accessKeyId(), emulator.secretAccessKey())))
                .maxConnections(maxConnections)
                .rateLimits(rateLimits);
    }

    DynamoDbBackupClient client() {
        return client;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public void createBackup(String table, String backupName, Consumer<Throwable> done) {
        client.createBackup(table, backupName).subscribe(details -> done.accept(null), done);
    }

    /** Waits until the client's pool is released, as the SDK client's close does (called from main, never a loop). */
    @Override
    public void close() {
        client.closeLater().block();
    }
}
