package io.github.ddbbackup.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.ddbbackup.core.InvalidOptionException;
import io.github.ddbbackup.ratelimit.RateLimit;
import io.github.ddbbackup.ratelimit.RateLimits;
import java.net.URI;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every option of the builder and of the value records is refused with an {@link InvalidOptionException} naming the
 * option, the value and the rule: what Spring Boot's auto-configuration maps to its properties.
 */
class InvalidOptionTest {

    static Stream<Arguments> refusals() {
        return Stream.of(
                refusal("region", " ", "non-blank", () -> DynamoDbBackupClient.builder().region(" ")),
                refusal("profileName", "", "non-blank", () -> DynamoDbBackupClient.builder().profileName("")),
                refusal("maxConnections", "0", ">= 1", () -> DynamoDbBackupClient.builder().maxConnections(0)),
                refusal("pendingAcquireMaxCount", "-1", ">= 1",
                        () -> DynamoDbBackupClient.builder().pendingAcquireMaxCount(-1)),
                refusal("maxResponseBytes", "100", ">= 1024", () -> DynamoDbBackupClient.builder().maxResponseBytes(100)),
                refusal("endpointOverride", "ftp://127.0.0.1", "scheme http or https",
                        () -> DynamoDbBackupClient.builder().region("eu-west-1")
                                .endpointOverride(URI.create("ftp://127.0.0.1")).build()),
                refusal("Timeouts.connect", "PT0S", "> 0", () -> Timeouts.DEFAULT.withConnect(Duration.ZERO)),
                refusal("Timeouts.perAttempt", null, "> 0", () -> Timeouts.DEFAULT.withPerAttempt(null)),
                refusal("Timeouts.overall", "PT-1S", "> 0", () -> Timeouts.DEFAULT.withOverall(Duration.ofSeconds(-1))),
                refusal("RetryPolicy.maxAttempts", "0", ">= 1", () -> RetryPolicy.DEFAULT.withMaxAttempts(0)),
                refusal("RetryPolicy.baseDelay", "PT0S", "> 0",
                        () -> new RetryPolicy(1, Duration.ZERO, Duration.ofSeconds(1))),
                refusal("RetryPolicy.maxDelay", "PT1S", ">= baseDelay (PT2S)",
                        () -> new RetryPolicy(1, Duration.ofSeconds(2), Duration.ofSeconds(1))),
                refusal("BackupPlan.concurrency", "0", ">= 1", () -> BackupPlan.builder().concurrency(0).build()),
                refusal("BackupPlan.deadline", "PT0S", "> 0",
                        () -> BackupPlan.builder().deadline(Duration.ZERO).build()),
                refusal("RateLimit.burst", "3", "1..2, that is 1..ceil(permitsPerSecond): the burst is carved out of"
                        + " the per-second ceiling, which must still leave a refill", () -> new RateLimit(2, 3)),
                refusal("RateLimits.maxWaiters", "0", "at least 1", () -> RateLimits.DEFAULT.withMaxWaiters(0)),
                refusal("RateLimits.jitterMargin", "PT2S", "0..PT1S",
                        () -> RateLimits.DEFAULT.withJitterMargin(Duration.ofSeconds(2))));
    }

    private static Arguments refusal(String option, String value, String rule, Executable configure) {
        return Arguments.of(option, value, rule, configure);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void eachOptionIsRefusedNamingOptionValueAndRule(String option, String value, String rule, Executable configure) {
        InvalidOptionException e = assertThrows(InvalidOptionException.class, configure);
        assertEquals(option, e.option());
        assertEquals(value, e.value());
        assertEquals(rule, e.rule());
    }
}
