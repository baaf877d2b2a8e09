package io.github.ddbbackup.spring.autoconfigure;

import io.github.ddbbackup.reactor.DynamoDbBackupClientBuilder;

/**
 * Adjusts the builder of the auto-configured client after the {@code ddb.backup.*} properties are applied, for what
 * properties cannot say: a credentials provider, a shared rate limiter, an HTTP client customizer. Every bean of this
 * type is applied, in {@link org.springframework.core.Ordered} order.
 *
 * <pre>{@code
 * @Bean
 * DynamoDbBackupClientBuilderCustomizer credentials() {
 *     return builder -> builder.credentialsProvider(StaticCredentialsProvider.create(...));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface DynamoDbBackupClientBuilderCustomizer {

    /** Adjusts {@code builder}; called once, on the thread that creates the client bean. */
    void customize(DynamoDbBackupClientBuilder builder);
}
