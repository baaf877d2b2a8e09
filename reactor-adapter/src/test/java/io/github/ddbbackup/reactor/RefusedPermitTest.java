package io.github.ddbbackup.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.ddbbackup.core.error.DynamoDbCallException;
import io.github.ddbbackup.core.error.RateLimitQueueFullException;
import io.github.ddbbackup.core.error.SharedRateLimiterUnavailableException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A permit refused by the rate limiter is now a {@link DynamoDbCallException} (a client-side one), but, as before it
 * joined the hierarchy, not a retryable one: the call fails at once with it, the limiter is asked once, and nothing
 * is sent (the endpoint is a loopback port nobody listens on, and is never dialled).
 */
class RefusedPermitTest {

    private static final String BACKUP_ARN =
            "arn:aws:dynamodb:us-east-1:123456789012:table/orders/backup/01234567890123-abcdefgh";

    static Stream<DynamoDbCallException> refusals() {
        return Stream.of(
                new RateLimitQueueFullException("DescribeBackup", "http://127.0.0.1:9", "us-east-1", 3),
                new SharedRateLimiterUnavailableException("no DescribeBackup permit from the shared budget", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void aRefusedPermitFailsTheCallAtOnceWithoutARetry(DynamoDbCallException refusal) {
        assertFalse(refusal.isRetryable());
        AtomicInteger asked = new AtomicInteger();
        try (DynamoDbBackupClient client = DynamoDbBackupClient.builder()
                .region("us-east-1")
                .endpointOverride(URI.create("http://127.0.0.1:9"))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "s")))
                .rateLimiter(key -> Mono.defer(() -> {
                    asked.incrementAndGet();
                    return Mono.error(refusal);
                }))
                .build()) {
            StepVerifier.create(client.describeBackup(BACKUP_ARN))
                    .expectErrorSatisfies(e -> assertSame(refusal, e))
                    .verify(Duration.ofSeconds(30));
        }
        assertEquals(1, asked.get(), "asked for one permit: no retry");
    }
}
