package io.github.ddbbackup.spring.autoconfigure;

import io.github.ddbbackup.core.InvalidOptionException;
import io.github.ddbbackup.ratelimit.redis.RedisRateLimiter;
import io.github.ddbbackup.ratelimit.redis.RedisRateLimiterMeters;
import io.github.ddbbackup.reactor.DynamoDbBackupClient;
import io.github.ddbbackup.reactor.DynamoDbBackupClientBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.observation.ObservationRegistry;
import java.net.URI;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.client.ReactorResourceFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;

/**
 * Creates the application's {@link DynamoDbBackupClient} from the {@code ddb.backup.*} properties
 * ({@link DynamoDbBackupProperties}), unless the application defines its own client bean.
 *
 * <ul>
 *   <li>Off with {@code ddb.backup.enabled=false}.</li>
 *   <li>Credentials: the application's {@link AwsCredentialsProvider} bean when there is exactly one (or one is
 *       {@code @Primary}, or {@code ddb.backup.credentials-provider-bean} names one), else the AWS SDK's default chain
 *       (for the configured profile); several with none chosen stop start-up naming them.</li>
 *   <li>Region: {@code ddb.backup.region}, else {@link StartupRegion}'s sources, never the instance metadata
 *       service; none found stops start-up saying where to set one, and one no partition knows is warned about.</li>
 *   <li>Event loops: those of the application's {@link ReactorResourceFactory} when it has one (a WebFlux application
 *       on Reactor Netty does), so the client and the web server share threads. The connection pool stays the
 *       client's own, sized by {@code ddb.backup.connection-pool.*}, so its limits never compete with the
 *       application's other HTTP clients.</li>
 *   <li>Metrics ({@code ddb.backup.metrics.enabled}, default on): the application's {@link MeterRegistry} and
 *       {@link ObservationRegistry}, when it has them (Actuator), are given to the client; with Actuator's health
 *       support, a {@code ddbBackup} health indicator ({@link DynamoDbBackupHealthIndicator}).</li>
 *   <li>Then every {@link DynamoDbBackupClientBuilderCustomizer} bean, in order.</li>
 *   <li>The client is closed with the application context ({@link DynamoDbBackupClient#closeLater()}, which the
 *       context waits for), releasing its own pool.</li>
 * </ul>
 */
@AutoConfiguration
@ConditionalOnClass(DynamoDbBackupClient.class)
@ConditionalOnBooleanProperty(name = DynamoDbBackupProperties.PREFIX + ".enabled", matchIfMissing = true)
@EnableConfigurationProperties(DynamoDbBackupProperties.class)
public class DynamoDbBackupAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DynamoDbBackupAutoConfiguration.class);

    /** The client, built from the properties, then the customizers. */
    @Bean(destroyMethod = "closeLater")
    @ConditionalOnMissingBean
    public DynamoDbBackupClient dynamoDbBackupClient(
            DynamoDbBackupProperties properties, ListableBeanFactory beans, Environment environment,
            ObjectProvider<DynamoDbBackupClientBuilderCustomizer> customizers) {
        DynamoDbBackupClientBuilder builder = DynamoDbBackupClient.builder()
                .allowInsecureHttp(properties.isAllowInsecureHttp())
                .resolveAmbiguousCreateBackup(properties.isResolveAmbiguousCreateBackup())
                .maxResponseBytes(properties.maxResponseByteCount())
                .maxConnections(properties.getConnectionPool().getMaxConnections())
                .pendingAcquireMaxCount(properties.getConnectionPool().getPendingAcquireMax())
                .rateLimits(properties.getRateLimits().toRateLimits())
                .timeouts(properties.getTimeouts().toTimeouts())
                .retryPolicy(properties.getRetry().toRetryPolicy())
                .regionProvider(new StartupRegion(() -> ApplicationBean.choose(beans, AwsRegionProvider.class, null,
                        null, "set " + DynamoDbBackupProperties.PREFIX + ".region"), environment,
                        properties.getProfile()));
        if (properties.getRegion() != null) {
            builder.region(properties.getRegion());
        }
        if (properties.getProfile() != null) {
            builder.profileName(properties.getProfile());
        }
        if (properties.getEndpoint() != null) {
            builder.endpointOverride(properties.getEndpoint());
        }
        AwsCredentialsProvider credentials = ApplicationBean.choose(beans, AwsCredentialsProvider.class,
                properties.getCredentialsProviderBean(), DynamoDbBackupProperties.PREFIX + ".credentials-provider-bean",
                "define only one");
        if (credentials != null) {
            builder.credentialsProvider(credentials);
        }
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        DynamoDbBackupClient client = build(builder, properties);
        UnknownRegion.warning(client.region()).ifPresent(log::warn);
        return client;
    }

    /**
     * Builds, reporting what only {@code build()} can check (the endpoint's form and scheme)
     * under the property that fixes it. The value reported is the one the client's error holds, redacted where it
     * may hold a secret (user info in the endpoint URL).
     */
    private static DynamoDbBackupClient build(DynamoDbBackupClientBuilder builder,
                                              DynamoDbBackupProperties properties) {
        try {
            return builder.build();
        } catch (InvalidOptionException e) {
            Optional<String> property = OptionProperties.propertyOf(e.option(), null);
            if (property.isEmpty() || !isSet(property.get(), properties)) {
                throw e;
            }
            throw new InvalidConfigurationPropertyValueException(DynamoDbBackupProperties.PREFIX + "." + property.get(),
                    e.value(), e.getMessage() + hint(property.get(), properties));
        }
    }

    /** Whether the property was given, so that the option's value came from it and not from a customizer. */
    private static boolean isSet(String property, DynamoDbBackupProperties properties) {
        // Only the endpoint is checked by build() alone; every other option was checked at binding.
        return property.equals("endpoint") && properties.getEndpoint() != null;
    }

    /** The property that lifts the loopback-only rule, for a plain http endpoint refused while it is off. */
    private static String hint(String property, DynamoDbBackupProperties properties) {
        URI endpoint = properties.getEndpoint();
        boolean plainHttp = property.equals("endpoint") && endpoint != null
                && "http".equalsIgnoreCase(endpoint.getScheme());
        return plainHttp && !properties.isAllowInsecureHttp()
                ? " (plain http to a host other than loopback needs " + DynamoDbBackupProperties.PREFIX
                        + ".allow-insecure-http=true)" : "";
    }

    /**
     * {@code ddb.backup.redis.uri} set and {@code ddb-backup-rate-limit-redis} present: the client's permits come from
     * a budget shared through Redis with every instance using it, instead of the client's own buckets. The limiter
     * applies {@code ddb.backup.rate-limits.*} and is closed with the context (after the client, which depends on it).
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(RedisRateLimiter.class)
    @ConditionalOnProperty(prefix = DynamoDbBackupProperties.PREFIX + ".redis", name = "uri")
    static class RedisRateLimiterConfiguration {

        @Bean(destroyMethod = "closeLater")
        @ConditionalOnMissingBean
        RedisRateLimiter dynamoDbBackupRedisRateLimiter(DynamoDbBackupProperties properties) {
            return RedisRateLimiterSettings.builder(properties.getRedis(), properties.getRateLimits().toRateLimits())
                    .build();
        }

        @Bean
        DynamoDbBackupClientBuilderCustomizer dynamoDbBackupRedisRateLimiterCustomizer(RedisRateLimiter limiter) {
            return builder -> builder.rateLimiter(limiter);
        }

        /** Down while Redis cannot be reached and the policy refuses permits rather than fall back. */
        @Bean
        SharedBudgetHealth dynamoDbBackupRedisBudgetHealth(RedisRateLimiter limiter) {
            return () -> limiter.onRedisFailure().fallsBack() || limiter.metrics().redisAvailable() ? Optional.empty()
                    : Optional.of("shared budget in Redis at " + limiter.redis() + " unreachable; permits refused");
        }

        /** The limiter's own counters (Redis or fallback permits, failures), bound by Actuator's registry. */
        @Configuration(proxyBeanMethods = false)
        @ConditionalOnClass(MeterBinder.class)
        @ConditionalOnBooleanProperty(name = DynamoDbBackupProperties.PREFIX + ".metrics.enabled", matchIfMissing = true)
        static class RedisRateLimiterMetersConfiguration {

            @Bean
            MeterBinder dynamoDbBackupRedisRateLimiterMeters(RedisRateLimiter limiter) {
                return new RedisRateLimiterMeters(limiter);
            }
        }
    }

    /** Gives the client the application's meter registry, so that its meters appear beside the application's. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    @ConditionalOnBooleanProperty(name = DynamoDbBackupProperties.PREFIX + ".metrics.enabled", matchIfMissing = true)
    static class MeterRegistryConfiguration {

        @Bean
        DynamoDbBackupClientBuilderCustomizer dynamoDbBackupMeterRegistryCustomizer(
                ObjectProvider<MeterRegistry> registry) {
            return builder -> registry.ifUnique(builder::meterRegistry);
        }
    }

    /** Gives the client the application's observation registry: one observation (a span, with tracing) per call. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ObservationRegistry.class)
    @ConditionalOnBooleanProperty(name = DynamoDbBackupProperties.PREFIX + ".metrics.enabled", matchIfMissing = true)
    static class ObservationRegistryConfiguration {

        @Bean
        DynamoDbBackupClientBuilderCustomizer dynamoDbBackupObservationRegistryCustomizer(
                ObjectProvider<ObservationRegistry> registry) {
            return builder -> registry.ifUnique(builder::observationRegistry);
        }
    }

    /** The client's health, when the application has Actuator's health support. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ReactiveHealthIndicator.class)
    @ConditionalOnEnabledHealthIndicator("ddbBackup")
    static class HealthConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "ddbBackupHealthIndicator")
        ReactiveHealthIndicator ddbBackupHealthIndicator(DynamoDbBackupClient client,
                                                         ObjectProvider<SharedBudgetHealth> budgets) {
            return new DynamoDbBackupHealthIndicator(client, budgets.orderedStream().toList());
        }
    }

    /** Runs the client on the application's Reactor Netty event loops. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ReactorResourceFactory.class)
    static class ReactorResourcesConfiguration {

        @Bean
        ReactorResourcesCustomizer dynamoDbBackupReactorResourcesCustomizer(
                ObjectProvider<ReactorResourceFactory> resourceFactory) {
            return new ReactorResourcesCustomizer(resourceFactory);
        }
    }
}
