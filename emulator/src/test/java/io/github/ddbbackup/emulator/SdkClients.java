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
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * The official AWS SDK v2 async client, pointed at an emulator, without retries: each SDK call is one request, on a
 * connection of its own.
 */
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
                        .apiCallTimeout(TIMEOUT)
                        .addExecutionInterceptor(ONE_CONNECTION_PER_REQUEST))
                .build();
    }

    /**
     * Asks for {@code Connection: close} on every request, so that the SDK never reuses a connection. Why: when a
     * call fails with a service error (LimitExceededException, say), the SDK fails the HTTP request's future from its
     * completion thread. If that wins the race against the event loop, which completes the same future when the last
     * byte of the response is read and then returns the connection to the pool, the SDK schedules a task that closes
     * the connection if it is no longer in use, i.e. back in the pool. A call made right after the failure, as tests
     * do, can take that connection from the pool before the task runs, and then fails with "The connection was closed
     * during the request". Seen in RateLimitTest under CPU load, once in about 70 runs of the module's tests: a
     * connection closed 2 ms after it went idle, having served 36 requests. With one connection per request nothing
     * is shared (no failure in 152 runs under the same load).
     */
    static final ExecutionInterceptor ONE_CONNECTION_PER_REQUEST = new ExecutionInterceptor() {
        @Override
        public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context,
                                                ExecutionAttributes executionAttributes) {
            return context.httpRequest().toBuilder().putHeader("Connection", "close").build();
        }
    };

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
