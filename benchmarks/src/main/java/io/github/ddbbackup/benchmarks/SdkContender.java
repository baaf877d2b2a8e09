package io.github.ddbbackup.benchmarks;

import io.github.ddbbackup.emulator.DynamoDbEmulator;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.CreateBackupRequest;

/**
 * The AWS SDK v2 {@link DynamoDbAsyncClient} on {@link NettyNioAsyncHttpClient}, as a user would build it: default
 * retry strategy, default timeouts, default event loop; only the pool size is set, to match ours.
 */
final class SdkContender implements Contender {

    private final SdkAsyncHttpClient http;
    private final DynamoDbAsyncClient client;

    private SdkContender(SdkAsyncHttpClient http, DynamoDbAsyncClient client) {
        this.http = http;
        this.client = client;
    }

    static SdkContender on(DynamoDbEmulator emulator, int maxConnections) {
        return on(emulator, maxConnections, builder -> { });
    }

    /** The same client with the retry strategy a careful user sets ({@link CarefulSdkRetries}). */
    static SdkContender on(DynamoDbEmulator emulator, int maxConnections, RetryStrategy retryStrategy) {
        return on(emulator, maxConnections,
                builder -> builder.overrideConfiguration(o -> o.retryStrategy(retryStrategy)));
    }

    private static SdkContender on(DynamoDbEmulator emulator, int maxConnections,
                                   Consumer<DynamoDbAsyncClientBuilder> settings) {
        SdkAsyncHttpClient http = NettyNioAsyncHttpClient.builder().maxConcurrency(maxConnections).build();
        DynamoDbAsyncClientBuilder builder = DynamoDbAsyncClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.of(emulator.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(emulator.accessKeyId(), emulator.secretAccessKey())))
                .httpClient(http);
        settings.accept(builder);
        return new SdkContender(http, builder.build());
    }

    DynamoDbAsyncClient client() {
        return client;
    }

    @Override
    public String label() {
        return "sdk";
    }

    @Override
    public void createBackup(String table, String backupName, Consumer<Throwable> done) {
        client.createBackup(CreateBackupRequest.builder().tableName(table).backupName(backupName).build())
                .whenComplete((response, failure) -> done.accept(failure));
    }

    @Override
    public void close() {
        client.close();
        http.close();
    }
}
