package io.github.ddbbackup.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ddbbackup.core.Operation;
import io.github.ddbbackup.reactor.DynamoDbBackupClient;
import io.github.ddbbackup.reactor.DynamoDbBackupClientBuilder;
import io.github.ddbbackup.ratelimit.RateLimit;
import io.github.ddbbackup.ratelimit.RateLimits;
import io.github.ddbbackup.reactor.RetryPolicy;
import io.github.ddbbackup.reactor.Timeouts;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The auto-configuration in an application context: registration, binding, back-off. */
class DynamoDbBackupAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DynamoDbBackupAutoConfiguration.class))
            .withPropertyValues("ddb.backup.region=eu-west-1");

    @Test
    void registeredInAutoConfigurationImports() {
        assertThat(org.springframework.boot.context.annotation.ImportCandidates
                .load(org.springframework.boot.autoconfigure.AutoConfiguration.class, getClass().getClassLoader())
                .getCandidates())
                .contains(DynamoDbBackupAutoConfiguration.class.getName());
    }

    @Test
    void createsOneClientWithTheClientDefaultsWhenNothingIsSet() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(DynamoDbBackupClient.class);
            DynamoDbBackupProperties properties = context.getBean(DynamoDbBackupProperties.class);
            assertThat(properties.getRateLimits().toRateLimits()).isEqualTo(RateLimits.DEFAULT);
            assertThat(properties.getTimeouts().toTimeouts()).isEqualTo(Timeouts.DEFAULT);
            assertThat(properties.getRetry().toRetryPolicy()).isEqualTo(RetryPolicy.DEFAULT);
            assertThat(properties.maxResponseByteCount())
                    .isEqualTo(DynamoDbBackupClientBuilder.DEFAULT_MAX_RESPONSE_BYTES);
            assertThat(properties.getConnectionPool().getMaxConnections())
                    .isEqualTo(DynamoDbBackupClientBuilder.DEFAULT_MAX_CONNECTIONS);
            assertThat(properties.getConnectionPool().getPendingAcquireMax())
                    .isEqualTo(DynamoDbBackupClientBuilder.DEFAULT_PENDING_ACQUIRE_MAX);
            assertThat(properties.isAllowInsecureHttp()).isFalse();
            assertThat(properties.isResolveAmbiguousCreateBackup()).isFalse();
            assertThat(context.getBean(DynamoDbBackupClient.class).region()).isEqualTo("eu-west-1");
        });
    }

    @Test
    void bindsEveryPropertyInKebabCase() {
        runner.withPropertyValues(
                "ddb.backup.endpoint=https://dynamodb.example.test",
                "ddb.backup.profile=backups",
                "ddb.backup.allow-insecure-http=true",
                "ddb.backup.resolve-ambiguous-create-backup=true",
                "ddb.backup.max-response-bytes=64KB",
                "ddb.backup.rate-limits.max-waiters=20",
                "ddb.backup.rate-limits.jitter-margin=25ms",
                "ddb.backup.rate-limits.create-backup.permits-per-second=20",
                "ddb.backup.rate-limits.create-backup.burst=4",
                "ddb.backup.rate-limits.describe-backup.permits-per-second=2.5",
                "ddb.backup.rate-limits.delete-backup.permits-per-second=0",
                "ddb.backup.rate-limits.list-backups.permits-per-second=3",
                "ddb.backup.rate-limits.list-tables.permits-per-second=7",
                "ddb.backup.timeouts.connect=2s",
                "ddb.backup.timeouts.per-attempt=3s",
                "ddb.backup.timeouts.overall=1m",
                "ddb.backup.retry.max-attempts=3",
                "ddb.backup.retry.base-delay=100ms",
                "ddb.backup.retry.max-delay=2s",
                "ddb.backup.connection-pool.max-connections=8",
                "ddb.backup.connection-pool.pending-acquire-max=16").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(DynamoDbBackupClient.class);
            DynamoDbBackupProperties p = context.getBean(DynamoDbBackupProperties.class);
            assertThat(p.getRegion()).isEqualTo("eu-west-1");
            assertThat(p.getEndpoint()).isEqualTo(URI.create("https://dynamodb.example.test"));
            assertThat(p.getProfile()).isEqualTo("backups");
            assertThat(p.isAllowInsecureHttp()).isTrue();
            assertThat(p.isResolveAmbiguousCreateBackup()).isTrue();
            DynamoDbBackupClient client = context.getBean(DynamoDbBackupClient.class);
            assertThat(client.endpoint()).isEqualTo(URI.create("https://dynamodb.example.test"));
            assertThat(client.region()).isEqualTo("eu-west-1");
            assertThat(p.maxResponseByteCount()).isEqualTo(64 * 1024);
            assertThat(p.getRateLimits().toRateLimits()).isEqualTo(RateLimits.DEFAULT
                    .withMaxWaiters(20)
                    .withJitterMargin(Duration.ofMillis(25))
                    .with(Operation.CREATE_BACKUP, RateLimit.perSecond(20).withBurst(4))
                    .with(Operation.DESCRIBE_BACKUP, RateLimit.perSecond(2.5))
                    .without(Operation.DELETE_BACKUP)
                    .with(Operation.LIST_BACKUPS, RateLimit.perSecond(3))
                    .with(Operation.LIST_TABLES, RateLimit.perSecond(7)));
            assertThat(p.getTimeouts().toTimeouts())
                    .isEqualTo(new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofMinutes(1)));
            assertThat(p.getRetry().toRetryPolicy())
                    .isEqualTo(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(2)));
            assertThat(p.getConnectionPool().getMaxConnections()).isEqualTo(8);
            assertThat(p.getConnectionPool().getPendingAcquireMax()).isEqualTo(16);
        });
    }

    @Test
    void rateLimitsDisabledLimitsNothing() {
        runner.withPropertyValues("ddb.backup.rate-limits.enabled=false",
                        "ddb.backup.rate-limits.create-backup.permits-per-second=20")
                .run(context -> assertThat(context.getBean(DynamoDbBackupProperties.class).getRateLimits()
                        .toRateLimits().limits()).isEmpty());
    }

    @Test
    void backsOffWhenTheApplicationDefinesItsOwnClient() {
        runner.withUserConfiguration(OwnClient.class).run(context -> {
            assertThat(context).hasSingleBean(DynamoDbBackupClient.class);
            assertThat(context.getBean(DynamoDbBackupClient.class)).isSameAs(OwnClient.CLIENT);
            assertThat(context).doesNotHaveBean("dynamoDbBackupClient");
        });
    }

    @Test
    void customizersRunAfterThePropertiesInOrder() {
        runner.withPropertyValues("ddb.backup.endpoint=http://example.test")
                .withBean("late", DynamoDbBackupClientBuilderCustomizer.class,
                        () -> new OrderedCustomizer(2, builder -> builder.allowInsecureHttp(true)))
                .withBean("early", DynamoDbBackupClientBuilderCustomizer.class,
                        () -> new OrderedCustomizer(1, builder -> builder.allowInsecureHttp(false)))
                // The late customizer's allowInsecureHttp(true) wins: plain http to a non-loopback host is accepted.
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(DynamoDbBackupClient.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnClient {
        static final DynamoDbBackupClient CLIENT = DynamoDbBackupClient.builder().region("us-east-1").build();

        @Bean
        DynamoDbBackupClient myClient() {
            return CLIENT;
        }
    }

    record OrderedCustomizer(int order, DynamoDbBackupClientBuilderCustomizer delegate)
            implements DynamoDbBackupClientBuilderCustomizer, org.springframework.core.Ordered {
        @Override
        public void customize(DynamoDbBackupClientBuilder builder) {
            delegate.customize(builder);
        }

        @Override
        public int getOrder() {
            return order;
        }
    }
}
