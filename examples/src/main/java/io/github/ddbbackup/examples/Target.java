package io.github.ddbbackup.examples;

import io.github.ddbbackup.emulator.DynamoDbEmulator;
import io.github.ddbbackup.reactor.DynamoDbBackupClient;
import java.util.Optional;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Where the backups are, opened: a client, what to call the place in the report, and the emulator when it runs
 * in-process ({@code --local}).
 *
 * @param client   the client, owned by this target
 * @param endpoint the endpoint as the report states it
 * @param region   the region requests are signed for
 * @param emulator the in-process emulator, owned by this target
 */
record Target(DynamoDbBackupClient client, String endpoint, String region, Optional<DynamoDbEmulator> emulator) {

    /**
     * Closes the client, then the emulator; the emulator off the event loops, since stopping it waits for its
     * threads.
     */
    Mono<Void> close() {
        return client.closeLater().then(Mono.<Void>fromRunnable(() -> emulator.ifPresent(DynamoDbEmulator::close))
                .subscribeOn(Schedulers.boundedElastic()));
    }
}
