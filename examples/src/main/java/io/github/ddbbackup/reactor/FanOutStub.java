package io.github.ddbbackup.reactor;

import io.github.ddbbackup.core.error.DynamoDbException;
import java.time.Duration;
import java.util.Optional;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** TEMPORARY STUB of {@code DynamoDbBackupClient.backupAll}; removed when branch {@code client} is merged. */
public final class FanOutStub {

    private FanOutStub() {
    }

    public static Flux<BackupOutcome> backupAll(DynamoDbBackupClient client, Publisher<String> tables,
                                                BackupPlan plan) {
        return Flux.from(tables).distinct().flatMap(table -> {
            String name = plan.backupNameFor(table, plan.clock().instant());
            return client.createBackup(table, name)
                    .map(d -> new BackupOutcome(table, BackupOutcome.Status.CREATED, name, Optional.of(d),
                            Optional.empty(), Optional.empty(), 1, Duration.ZERO, false))
                    .onErrorResume(e -> Mono.just(new BackupOutcome(table, BackupOutcome.Status.FAILED, name,
                            Optional.empty(), Optional.of(e), Optional.empty(),
                            e instanceof DynamoDbException ? 1 : 0, Duration.ZERO, false)));
        }, plan.concurrency());
    }
}
