package io.github.ddbbackup.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ddbbackup.emulator.DynamoDbEmulator;
import io.github.ddbbackup.emulator.DynamoDbEmulatorExtension;
import io.github.ddbbackup.ratelimit.RateLimitKey;
import io.github.ddbbackup.ratelimit.redis.RedisRateLimiter;
import io.github.ddbbackup.ratelimit.redis.RedisServer;
import io.github.ddbbackup.reactor.DynamoDbBackupClient;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * {@code ddb.backup.metrics.enabled}: the application's meter and observation registries given to the client (its
 * calls show in them), or not; and the client's health indicator, which calls no DynamoDB API.
 */
class DynamoDbBackupMetricsAutoConfigurationTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    final DynamoDbEmulatorExtension dynamoDb = new DynamoDbEmulatorExtension();
    DynamoDbEmulator emulator;
    ApplicationContextRunner runner;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void start() {
        emulator = dynamoDb.emulator();
        emulator.createTable("orders");
        runner = ConfiguredClientAgainstEmulatorTest.runnerAgainst(emulator)
                .withBean(SimpleMeterRegistry.class, () -> meters);
    }

    /** The observations are timed into the same registry, as Actuator's meter observation handler does. */
    @Test
    void theApplicationsMeterAndObservationRegistriesSeeEveryCall() {
        runner.withBean(ObservationRegistry.class, () -> {
            ObservationRegistry registry = ObservationRegistry.create();
            registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
            return registry;
        }).run(context -> {
            assertThat(context.getBean(DynamoDbBackupClient.class).listTables().collectList().block(WAIT))
                    .containsExactly("orders");
            assertThat(meters.get("ddb.backup.calls").tags("operation", "ListTables", "outcome", "success").timer()
                    .count()).isEqualTo(1);
            assertThat(meters.get("ddb.backup.call").tags("operation", "ListTables", "outcome", "success").timer()
                    .count()).as("the call's observation").isEqualTo(1);
        });
    }

    @Test
    void metricsEnabledFalseLeavesTheRegistriesAlone() {
        runner.withPropertyValues("ddb.backup.metrics.enabled=false").run(context -> {
            assertThat(context.getBean(DynamoDbBackupClient.class).listTables().collectList().block(WAIT))
                    .containsExactly("orders");
            assertThat(meters.getMeters()).isEmpty();
        });
    }

    @Test
    void withoutMicrometerTheClientIsBuiltWithoutRegistries() {
        runner.withClassLoader(new FilteredClassLoader("io.micrometer.core", "io.micrometer.observation"))
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(DynamoDbBackupClient.class)
                        .doesNotHaveBean("dynamoDbBackupMeterRegistryCustomizer")
                        .doesNotHaveBean("dynamoDbBackupObservationRegistryCustomizer"));
    }

    @Test
    void healthIsUpWithResolvableCredentialsAndSendsNothing() {
        runner.run(context -> {
            Health health = health(context.getBean("ddbBackupHealthIndicator", ReactiveHealthIndicator.class));
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("region", emulator.region())
                    .containsEntry("credentials", "resolved");
            assertThat(emulator.stats().requests()).isEmpty();
        });
    }

    @Test
    void healthIsDownWhenCredentialsCannotBeResolved() {
        runner.withBean("refusing", AwsCredentialsProvider.class, () -> () -> {
            throw SdkClientException.create("no keys");
        }).withPropertyValues("ddb.backup.credentials-provider-bean=refusing").run(context -> {
            Health health = health(context.getBean("ddbBackupHealthIndicator", ReactiveHealthIndicator.class));
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("credentials", "unavailable");
            assertThat(String.valueOf(health.getDetails().get("error"))).contains("CredentialsUnavailableException");
        });
    }

    @Test
    void healthIsDownWhileAFailClosedRedisBudgetIsUnreachableButNotWithAFallback() {
        try (RedisServer nobody = RedisServer.reserve()) {
            runner.withPropertyValues("ddb.backup.redis.uri=" + nobody.uri()).run(context -> {
                ReactiveHealthIndicator indicator = context.getBean("ddbBackupHealthIndicator",
                        ReactiveHealthIndicator.class);
                assertThat(health(indicator).getStatus()).isEqualTo(Status.UP);
                refusedPermit(context.getBean(RedisRateLimiter.class));
                Health health = health(indicator);
                assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                assertThat(String.valueOf(health.getDetails().get("rateLimit")))
                        .startsWith("shared budget in Redis at redis://127.0.0.1:");
            });
            runner.withPropertyValues("ddb.backup.redis.uri=" + nobody.uri(), "ddb.backup.redis.instances=2")
                    .run(context -> {
                        refusedPermit(context.getBean(RedisRateLimiter.class));
                        assertThat(health(context.getBean("ddbBackupHealthIndicator", ReactiveHealthIndicator.class))
                                .getStatus()).isEqualTo(Status.UP);
                    });
        }
    }

    /** Asks once for a permit, which finds Redis unreachable (refused, or granted by the fallback). */
    static void refusedPermit(RedisRateLimiter limiter) {
        limiter.acquire(new RateLimitKey("https://dynamodb.eu-west-1.amazonaws.com", "eu-west-1", "AKID",
                "CreateBackup")).onErrorComplete().block(WAIT);
        assertThat(limiter.metrics().redisAvailable()).isFalse();
    }

    static Health health(ReactiveHealthIndicator indicator) {
        return indicator.health().block(WAIT);
    }
}
