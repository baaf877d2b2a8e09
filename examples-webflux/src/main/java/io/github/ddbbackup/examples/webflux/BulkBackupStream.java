package io.github.ddbbackup.examples.webflux;

import io.github.ddbbackup.reactor.BackupOutcome;
import io.github.ddbbackup.reactor.BackupPlan;
import io.github.ddbbackup.reactor.DynamoDbBackupClient;
import io.github.ddbbackup.reactor.TableSelection;
import io.github.ddbbackup.spring.autoconfigure.web.DynamoDbBackupProblems;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A bulk backup as server-sent events: one per table ({@code created}, {@code failed}, {@code skipped}, with its
 * {@link OutcomeEvent}), then {@code summary} with the counts. An error before the first event (ListTables throttled,
 * say) fails the request with its problem status; after it, the response is already 200, so the error arrives as a
 * last {@code error} event carrying the problem.
 */
final class BulkBackupStream {

    private final DynamoDbBackupClient client;

    BulkBackupStream(DynamoDbBackupClient client) {
        this.client = client;
    }

    Flux<ServerSentEvent<Object>> run(TableSelection selection, BackupPlan plan) {
        Map<BackupOutcome.Status, Integer> counts = new EnumMap<>(BackupOutcome.Status.class);
        AtomicBoolean started = new AtomicBoolean();
        return client.backupAll(selection.tables(client), plan)
                .doOnNext(outcome -> counts.merge(outcome.status(), 1, Integer::sum))
                .map(outcome -> new Event(outcome.status().name().toLowerCase(Locale.ROOT), OutcomeEvent.of(outcome)))
                .concatWith(Mono.fromSupplier(() -> new Event("summary", Summary.of(counts))))
                .doOnNext(event -> started.set(true))
                .onErrorResume(error -> started.get() ? Flux.just(errorEvent(error)) : Flux.error(error))
                // Numbered from 1 in the order sent, so a client's log of a stream can say which events it saw.
                .index((index, event) -> ServerSentEvent.builder(event.data()).id(Long.toString(index + 1))
                        .event(event.name()).build());
    }

    private static Event errorEvent(Throwable error) {
        return new Event("error", DynamoDbBackupProblems.of(error).map(problem -> (Object) problem.detail())
                .orElseGet(() -> Map.of("detail", "unexpected failure; see the service's log")));
    }

    /** One event before it is numbered: its name and its data. */
    private record Event(String name, Object data) {
    }

    /** The counts of a finished job, by status. */
    record Summary(int requested, int created, int failed, int skipped) {
        static Summary of(Map<BackupOutcome.Status, Integer> counts) {
            int created = counts.getOrDefault(BackupOutcome.Status.CREATED, 0);
            int failed = counts.getOrDefault(BackupOutcome.Status.FAILED, 0);
            int skipped = counts.getOrDefault(BackupOutcome.Status.SKIPPED, 0);
            return new Summary(created + failed + skipped, created, failed, skipped);
        }
    }
}
