package io.github.ddbbackup.spring.autoconfigure;

import io.github.ddbbackup.reactor.DynamoDbBackupClientBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Runs the client on the event loops of the application's {@link ReactorResourceFactory}, when it has exactly one.
 * Applied first; an application customizer's {@code httpClientCustomizer} adds to it (the builder composes them), so
 * the loops stay unless that customizer calls {@code runOn} itself.
 *
 * <p>Only the loops are taken: the factory's connection provider is shared by the application's other clients
 * (WebClient), and the DynamoDB client keeps its own pool so that {@code ddb.backup.connection-pool.*} bounds it.
 */
final class ReactorResourcesCustomizer implements DynamoDbBackupClientBuilderCustomizer, Ordered {

    private final ObjectProvider<ReactorResourceFactory> resourceFactory;

    ReactorResourcesCustomizer(ObjectProvider<ReactorResourceFactory> resourceFactory) {
        this.resourceFactory = resourceFactory;
    }

    @Override
    public void customize(DynamoDbBackupClientBuilder builder) {
        resourceFactory.ifUnique(factory ->
                builder.httpClientCustomizer(http -> http.runOn(factory.getLoopResources())));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
