package io.github.ddbbackup.spring.autoconfigure;

import io.github.ddbbackup.reactor.DynamoDbBackupClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import reactor.core.publisher.Mono;

/**
 * The client's health, without a DynamoDB call per probe: DOWN when its credentials cannot be resolved (from its
 * cache while fresh, so a probe usually asks nothing), or when a shared budget that fails closed cannot be reached
 * (as the last permit found it); UP otherwise, with the region. DynamoDB's own availability is not probed: a call
 * per probe would spend the account's control-plane budget.
 */
final class DynamoDbBackupHealthIndicator extends AbstractReactiveHealthIndicator {

    /** A credentials provider that asks a service (SSO, instance metadata) gets this long. */
    static final Duration CREDENTIALS_TIMEOUT = Duration.ofSeconds(10);

    private final DynamoDbBackupClient client;
    private final List<SharedBudgetHealth> budgets;

    DynamoDbBackupHealthIndicator(DynamoDbBackupClient client, List<SharedBudgetHealth> budgets) {
        super("DynamoDB backup client health check failed");
        this.client = client;
        this.budgets = List.copyOf(budgets);
    }

    @Override
    protected Mono<Health> doHealthCheck(Health.Builder builder) {
        builder.withDetail("region", client.region());
        Optional<String> budgetDown = budgets.stream().map(SharedBudgetHealth::down).flatMap(Optional::stream)
                .findFirst();
        if (budgetDown.isPresent()) {
            return Mono.just(builder.down().withDetail("rateLimit", budgetDown.get()).build());
        }
        return client.checkCredentials()
                .timeout(CREDENTIALS_TIMEOUT)
                .then(Mono.fromSupplier(() -> builder.up().withDetail("credentials", "resolved").build()))
                .onErrorResume(e -> Mono.just(builder.down(e).withDetail("credentials", "unavailable").build()));
    }
}
