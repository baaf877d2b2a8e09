package io.github.ddbbackup.examples.webflux;

import io.github.ddbbackup.reactor.BackupOutcome;
import io.github.ddbbackup.reactor.BackupPlan;
import io.github.ddbbackup.reactor.DynamoDbBackupClient;
import io.github.ddbbackup.spring.autoconfigure.DynamoDbBackupShutdownSignal;
import io.github.ddbbackup.spring.autoconfigure.web.DynamoDbBackupProblems;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A bulk backup as server-sent events: one per table ({@code created}, {@code failed}, {@code skipped}, with its
 * {@link OutcomeEvent}), then {@code summary} with the counts. An error before the first event (ListTables throttled,
 * say) fails the request with its problem status; after it, the response is already 200, so the error arrives as a
 * last {@code error} event carrying the problem.
 *
 * <p>On shutdown ({@link DynamoDbBackupShutdownSignal}) the job stops taking tables; those waiting for their CreateBackup permit end SKIPPED
 * unsent, the calls already sent run to their outcome, each table never taken is sent as SKIPPED too, then the
 * summary; the application's shutdown waits for the stream to end before the web server stops.
 */
final class BulkBackupStream {

    static final String SHUTTING_DOWN = "the service shut down before the table's CreateBackup was sent";

    private final DynamoDbBackupShutdownSignal shutdown;

    BulkBackupStream(DynamoDbBackupShutdownSignal shutdown) {
        this.shutdown = shutdown;
    }

    /**
     * The tables to back up with one client: in one region ({@code region} present with {@code ddb.backup.regions},
     * its events then naming it), or the service's one client.
     */
    record Selected(Optional<String> region, DynamoDbBackupClient client, List<String> tables) {
    }

    /** Backs up {@code tables} with {@code client}: the events name no region. */
    Flux<ServerSentEvent<Object>> run(DynamoDbBackupClient client, List<String> tables, BackupPlan plan) {
        return run(List.of(new Selected(Optional.empty(), client, tables)), plan);
    }

    /** Backs up each region's tables with its client, all at once; the summary counts per region too. */
    Flux<ServerSentEvent<Object>> run(List<Selected> regions, BackupPlan plan) {
        Map<BackupOutcome.Status, Integer> counts = new EnumMap<>(BackupOutcome.Status.class);
        Map<String, Map<BackupOutcome.Status, Integer>> byRegion = new LinkedHashMap<>();
        regions.forEach(selected -> selected.region().ifPresent(region -> byRegion.put(region,
                new EnumMap<>(BackupOutcome.Status.class))));
        AtomicBoolean started = new AtomicBoolean();
        return shutdown.track(Flux.merge(regions.stream().map(selected -> outcomes(selected, plan)).toList())
                .doOnNext(event -> {
                    synchronized (counts) {
                        counts.merge(event.status(), 1, Integer::sum);
                        event.region().ifPresent(region -> byRegion.computeIfAbsent(region,
                                none -> new EnumMap<>(BackupOutcome.Status.class)).merge(event.status(), 1,
                                Integer::sum));
                    }
                })
                .map(event -> new Event(event.status().name().toLowerCase(Locale.ROOT), event))
                .concatWith(Mono.fromSupplier(() -> new Event("summary", Summary.of(counts, byRegion))))
                .doOnNext(event -> started.set(true))
                .onErrorResume(error -> started.get() ? Flux.just(errorEvent(error)) : Flux.error(error))
                // Numbered from 1 in the order sent, so a client's log of a stream can say which events it saw.
                .index((index, event) -> ServerSentEvent.builder(event.data()).id(Long.toString(index + 1))
                        .event(event.name()).build()));
    }

    /** One client's outcomes, each naming the region when there is one. */
    private Flux<OutcomeEvent> outcomes(Selected selected, BackupPlan plan) {
        // The tables without an outcome yet, one entry per occurrence (a repeated table gets a SKIPPED outcome of its
        // own); what is left when the job ends was never taken.
        List<String> untaken = Collections.synchronizedList(new ArrayList<>(selected.tables()));
        return selected.client().backupAll(Flux.fromIterable(selected.tables()), plan, shutdown.whenStopping())
                .doOnNext(outcome -> untaken.remove(outcome.table()))
                .concatWith(Flux.defer(() -> Flux.fromIterable(List.copyOf(untaken))
                        .map(table -> OutcomeEvent.skipped(table, plan.backupNameFor(table, plan.clock().instant()),
                                SHUTTING_DOWN))))
                .map(outcome -> OutcomeEvent.of(outcome, selected.region()));
    }

    private static Event errorEvent(Throwable error) {
        return new Event("error", DynamoDbBackupProblems.of(error).map(problem -> (Object) problem.detail())
                .orElseGet(() -> Map.of("detail", "unexpected failure; see the service's log")));
    }

    /** One event before it is numbered: its name and its data. */
    private record Event(String name, Object data) {
    }

    /**
     * The counts of a finished job, by status; with {@code ddb.backup.regions} also each region's (absent
     * otherwise).
     */
    record Summary(int requested, int created, int failed, int skipped,
                   @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Summary> regions) {

        static Summary of(Map<BackupOutcome.Status, Integer> counts,
                          Map<String, Map<BackupOutcome.Status, Integer>> byRegion) {
            synchronized (counts) {
                Map<String, Summary> regions = new LinkedHashMap<>();
                byRegion.forEach((region, inRegion) -> regions.put(region, of(inRegion, Map.of())));
                int created = counts.getOrDefault(BackupOutcome.Status.CREATED, 0);
                int failed = counts.getOrDefault(BackupOutcome.Status.FAILED, 0);
                int skipped = counts.getOrDefault(BackupOutcome.Status.SKIPPED, 0);
                return new Summary(created + failed + skipped, created, failed, skipped, regions);
            }
        }
    }
}
