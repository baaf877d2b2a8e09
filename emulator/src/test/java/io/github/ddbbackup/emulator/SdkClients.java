package io.github.ddbbackup.emulator;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/** The official AWS SDK v2 async client, pointed at an emulator, without retries: each SDK call is one request. */
final class SdkClients {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private SdkClients() {
    }

    static SdkAsyncHttpClient httpClient() {
        return NettyNioAsyncHttpClient.builder()
                .connectionTimeout(TIMEOUT)
                .readTimeout(TIMEOUT)
                .build();
    }

    static DynamoDbAsyncClient client(DynamoDbEmulator emulator, SdkAsyncHttpClient httpClient) {
        AwsCredentials credentials = emulator.sessionToken()
                .<AwsCredentials>map(token -> AwsSessionCredentials.create(emulator.accessKeyId(),
                        emulator.secretAccessKey(), token))
                .orElseGet(() -> AwsBasicCredentials.create(emulator.accessKeyId(), emulator.secretAccessKey()));
        return client(emulator, httpClient, credentials, emulator.region());
    }

    static DynamoDbAsyncClient client(DynamoDbEmulator emulator, SdkAsyncHttpClient httpClient,
                                      AwsCredentials credentials, String region) {
        return DynamoDbAsyncClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(httpClient)
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallTimeout(TIMEOUT))
                .build();
    }

    /** The value of a call that must succeed, within the timeout. */
    static <T> T await(CompletableFuture<T> call) {
        try {
            return call.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("call failed: " + e.getCause(), e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The exception a call that must fail ends with, within the timeout. */
    static Throwable failure(CompletableFuture<?> call) {
        return assertThrows(ExecutionException.class, () -> call.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                .getCause();
    }

    /** The exception a call that must fail ends with, which must be of {@code type}. */
    static <E extends Throwable> E failure(CompletableFuture<?> call, Class<E> type) {
        Throwable failure = failure(call);
        if (!type.isInstance(failure)) {
            throw new AssertionError("expected " + type.getSimpleName() + " but got " + failure, failure);
        }
        return type.cast(failure);
    }
}
