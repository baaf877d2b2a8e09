package io.github.ddbbackup.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The client's own token bucket pacing CreateBackup calls, measured on virtual time at the transport. */
class RateLimitedClientTest {

    @Test
    void thousandCreateBackupsTakeTwentyVirtualSecondsAndNeverFiftyOneInASecond() {
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        List<Long> sentAt = new CopyOnWriteArrayList<>();
        Exchange answering = (headers, body, attempt) -> Mono.fromSupplier(() -> {
            sentAt.add(time.now(java.util.concurrent.TimeUnit.MILLISECONDS));
            attempt.written();
            return new RawResponse(200, "rid", null, ScriptedClientTest.CREATED.getBytes());
        });
        URI endpoint = URI.create("http://127.0.0.1:8000");
        CallExecutor executor = new CallExecutor(
                new CredentialsCache(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")),
                        Schedulers.immediate(), Clock.systemUTC()),
                TokenBucketRateLimiter.create(RateLimits.DYNAMODB_DEFAULTS.withJitterMargin(Duration.ZERO), time),
                new RequestSigner(endpoint, "us-east-1", Clock.systemUTC()), answering, time,
                Timeouts.DEFAULT.withOverall(Duration.ofMinutes(5)), RetryPolicy.DEFAULT, endpoint, "us-east-1");
        DynamoDbBackupClient client = new ReactorNettyBackupClient(executor, time, Disposables.single(), false);

        StepVerifier.withVirtualTime(() -> Flux.range(0, 1000)
                                .flatMap(i -> client.createBackup("orders", "orders-" + i), 1000),
                        () -> time, Long.MAX_VALUE)
                .thenAwait(Duration.ofSeconds(25))
                .expectNextCount(1000)
                .verifyComplete();

        assertEquals(1000, sentAt.size());
        long last = sentAt.stream().mapToLong(Long::longValue).max().orElseThrow();
        assertTrue(last >= 19_960 && last <= 20_000, "the 1000th call started at " + last + " ms");
        List<Long> sorted = sentAt.stream().sorted().toList();
        int busiest = 0;
        for (int i = 0, j = 0; i < sorted.size(); i++) {
            while (sorted.get(i) - sorted.get(j) >= 1000) {
                j++;
            }
            busiest = Math.max(busiest, i - j + 1);
        }
        assertEquals(50, busiest, "most calls started in any 1-second window");
    }
}
