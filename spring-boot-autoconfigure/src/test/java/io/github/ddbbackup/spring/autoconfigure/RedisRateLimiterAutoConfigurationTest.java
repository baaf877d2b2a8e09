package io.github.ddbbackup.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ddbbackup.core.Operation;
import io.github.ddbbackup.emulator.DynamoDbEmulator;
import io.github.ddbbackup.emulator.DynamoDbEmulatorExtension;
import io.github.ddbbackup.ratelimit.redis.RedisFailurePolicy;
import io.github.ddbbackup.ratelimit.redis.RedisRateLimiter;
import io.github.ddbbackup.ratelimit.redis.RedisRateLimiterBuilder;
import io.github.ddbbackup.ratelimit.redis.RedisServer;
import io.github.ddbbackup.reactor.DynamoDbBackupClient;
import io.github.ddbbackup.ratelimit.RateLimit;
import io.github.ddbbackup.ratelimit.RateLimitKey;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import reactor.test.StepVerifier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * {@code ddb.backup.redis.*}: a {@link RedisRateLimiter} bean feeding the client's permits when a URI is set (and
 * {@code ddb-backup-rate-limit-redis} is present), its properties bound and validated, and a real redis-server
 * granting the permits of calls to the emulator.
 */
class RedisRateLimiterAutoConfigurationTest {

    private static final String PASSWORD = "s3cret-redis-pass";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DynamoDbBackupAutoConfiguration.class))
            .withPropertyValues("ddb.backup.region=eu-west-1");

    /** For the one test that calls DynamoDB through the configured client. */
    @RegisterExtension
    final DynamoDbEmulatorExtension dynamoDb = DynamoDbEmulatorExtension.onDemand();

    @Test
    void withoutAUriThereIsNoRedisLimiter() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(DynamoDbBackupClient.class)
                    .doesNotHaveBean(RedisRateLimiter.class);
        });
    }

    @Test
    void aUriCreatesTheLimiterFromTheRedisAndRateLimitProperties() {
        runner.withPropertyValues("ddb.backup.redis.uri=redis://:" + PASSWORD + "@127.0.0.1:6390/2",
                "ddb.backup.redis.instances=3", "ddb.backup.redis.account-id=123456789012",
                "ddb.backup.redis.key-prefix=orders:", "ddb.backup.rate-limits.create-backup.permits-per-second=20")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(RedisRateLimiter.class);
                    RedisRateLimiter limiter = context.getBean(RedisRateLimiter.class);
                    assertThat(limiter.redis()).isEqualTo("redis://127.0.0.1:6390/2");
                    assertThat(limiter.onRedisFailure()).isEqualTo(RedisFailurePolicy.fallbackToLocal(3));
                    assertThat(limiter.limits().forOperation(Operation.CREATE_BACKUP)).contains(RateLimit.perSecond(20));
                    assertThat(limiter.redisKey(new RateLimitKey("https://dynamodb.eu-west-1.amazonaws.com",
                            "eu-west-1", "AKIDEXAMPLE", "CreateBackup")))
                            .isEqualTo("orders:eu-west-1:123456789012:CreateBackup");
                    assertThat(limiter.toString()).doesNotContain(PASSWORD);
                });
    }

    @Test
    void withoutInstancesTheLimiterFailsClosedAndTheDefaultKeyPrefixIsTheLibrarys() {
        runner.withPropertyValues("ddb.backup.redis.uri=redis://127.0.0.1:6390").run(context -> {
            RedisRateLimiter limiter = context.getBean(RedisRateLimiter.class);
            assertThat(limiter.onRedisFailure()).isEqualTo(RedisFailurePolicy.failClosed());
            assertThat(new DynamoDbBackupProperties.RedisProperties().getKeyPrefix())
                    .isEqualTo(RedisRateLimiterBuilder.DEFAULT_KEY_PREFIX);
        });
    }

    @Test
    void anApplicationsOwnLimiterBeanIsUsedInstead() {
        RedisRateLimiter own = RedisRateLimiter.builder().redisUri("redis://127.0.0.1:6391").build();
        runner.withPropertyValues("ddb.backup.redis.uri=redis://127.0.0.1:6390")
                .withBean(RedisRateLimiter.class, () -> own)
                .run(context -> assertThat(context.getBean(RedisRateLimiter.class)).isSameAs(own));
    }

    @Test
    void withoutTheRedisModuleAUriFailsStartUpSayingWhatToAdd() {
        runner.withClassLoader(new FilteredClassLoader(RedisRateLimiter.class))
                .withPropertyValues("ddb.backup.redis.uri=redis://127.0.0.1:6390")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(InvalidPropertiesTest.failureReport(context.getStartupFailure()))
                            .contains("ddb.backup.redis.uri is set, but")
                            .contains("add io.github.ddbbackup:ddb-backup-rate-limit-redis");
                });
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "ddb.backup.redis.instances | 0 | violates at least 1",
            "ddb.backup.redis.account-id | 12 34 | violates 1..64 of [A-Za-z0-9._-]",
            "ddb.backup.redis.key-prefix | a b | violates at most 200 characters, no whitespace",
    })
    void anInvalidRedisPropertyFailsStartUpNamingIt(String property, String value, String rule) {
        runner.withPropertyValues("ddb.backup.redis.uri=redis://127.0.0.1:6390", property + "=" + value)
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(InvalidPropertiesTest.failureReport(context.getStartupFailure()))
                            .contains("Property: " + property).contains(rule);
                });
    }

    @Test
    void anInvalidUriFailsStartUpNamingThePropertyButNeverThePassword() {
        runner.withPropertyValues("ddb.backup.redis.uri=http://user:" + PASSWORD + "@127.0.0.1:6390").run(context -> {
            assertThat(context).hasFailed();
            String report = InvalidPropertiesTest.failureReport(context.getStartupFailure());
            assertThat(report).contains("ddb.backup.redis.uri: \"http://<redacted>@127.0.0.1:6390\" violates redis://")
                    .doesNotContain(PASSWORD);
            assertThat(stackOf(context.getStartupFailure())).doesNotContain(PASSWORD);
        });
    }

    @Test
    void theClientTakesItsPermitsFromRedisAndTheLimiterClosesWithTheContext() {
        try (RedisServer redis = RedisServer.start()) {
            DynamoDbEmulator emulator = dynamoDb.start();
            emulator.createTables("orders-", 1);
            AtomicReference<RedisRateLimiter> closedWithContext = new AtomicReference<>();
            new ApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(DynamoDbBackupAutoConfiguration.class))
                    .withBean(AwsCredentialsProvider.class, () -> StaticCredentialsProvider.create(AwsBasicCredentials
                            .create(emulator.accessKeyId(), emulator.secretAccessKey())))
                    .withPropertyValues("ddb.backup.region=" + emulator.region(),
                            "ddb.backup.endpoint=" + emulator.endpoint(), "ddb.backup.redis.uri=" + redis.uri(),
                            "ddb.backup.redis.account-id=" + emulator.accountId())
                    .run(context -> {
                        DynamoDbBackupClient client = context.getBean(DynamoDbBackupClient.class);
                        RedisRateLimiter limiter = context.getBean(RedisRateLimiter.class);
                        StepVerifier.create(client.createBackup("orders-0", "orders-0-spring"))
                                .assertNext(details -> assertThat(details.backupName()).isEqualTo("orders-0-spring"))
                                .expectComplete()
                                .verify(WAIT);
                        assertThat(limiter.metrics().redisGrants()).isEqualTo(1);
                        String bucket = "ddb-backup:rate-limit:" + emulator.region() + ":" + emulator.accountId()
                                + ":CreateBackup";
                        Long buckets = redis.redis(commands -> commands.exists(bucket));
                        assertThat(buckets).as("the bucket %s in Redis", bucket).isEqualTo(1L);
                        closedWithContext.set(limiter);
                    });
            StepVerifier.create(closedWithContext.get().acquire(new RateLimitKey(emulator.endpoint().toString(),
                            emulator.region(), emulator.accessKeyId(), "CreateBackup")))
                    .expectErrorSatisfies(error -> assertThat(error).hasMessageContaining("is closed"))
                    .verify(WAIT);
        }
    }

    private static String stackOf(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t).append('\n');
        }
        return messages.toString();
    }
}
