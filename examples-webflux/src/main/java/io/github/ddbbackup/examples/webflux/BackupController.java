package io.github.ddbbackup.examples.webflux;

import io.github.ddbbackup.core.BackupDescription;
import io.github.ddbbackup.core.BackupDetails;
import io.github.ddbbackup.core.BackupSummary;
import io.github.ddbbackup.core.ListBackupsRequest;
import io.github.ddbbackup.reactor.BackupPlan;
import io.github.ddbbackup.reactor.DynamoDbBackupClient;
import io.github.ddbbackup.reactor.TableSelection;
import io.github.ddbbackup.spring.autoconfigure.DynamoDbBackupShutdownSignal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The service's HTTP API over the auto-configured client; errors become problems (the starter's
 * {@code DynamoDbBackupProblemDetailsHandler}, switched on in {@code application.properties}).
 */
@RestController
class BackupController {

    /** The most tables one bulk request may back up: one request must not be able to back up a whole account. */
    static final String MAX_TABLES = "example.bulk.max-tables";
    /** The most tables one bulk request may have in flight at once. */
    static final String MAX_CONCURRENCY = "example.bulk.max-concurrency";

    private final DynamoDbBackupClient client;
    private final BackupPlan plan;
    private final BulkBackupStream bulk;
    /** With {@code ddb.backup.regions}: the bulk endpoint's clients, one per region. */
    private final Optional<RegionalClients> regions;
    private final BulkBackupRequest.Limits limits;

    BackupController(DynamoDbBackupClient client, BackupPlan plan, DynamoDbBackupShutdownSignal shutdown,
                     ObjectProvider<RegionalClients> regions,
                     @Value("${" + MAX_TABLES + ":1000}") int maxTables,
                     @Value("${" + MAX_CONCURRENCY + ":16}") int maxConcurrency) {
        this.client = client;
        this.plan = plan;
        this.regions = Optional.ofNullable(regions.getIfAvailable());
        this.bulk = new BulkBackupStream(shutdown);
        this.limits = new BulkBackupRequest.Limits(maxTables, maxConcurrency);
    }

    /**
     * Creates a backup of {@code table}, named {@code name} or, without it, by the plan's name template: 201 with the
     * backup's details, its {@code Location} the backup's own URL ({@link #describeBackup}).
     */
    @PostMapping("/tables/{table}/backups")
    Mono<ResponseEntity<BackupDetails>> createBackup(@PathVariable String table, @RequestParam Optional<String> name) {
        return Mono.defer(() -> client.createBackup(table,
                        name.orElseGet(() -> plan.backupNameFor(table, plan.clock().instant()))))
                .map(details -> ResponseEntity.created(backupUrl(details.backupArn())).body(details));
    }

    /** A backup by its ARN (the {@code Location} of a created one), as DescribeBackup answers. */
    @GetMapping("/backups/{arn}")
    Mono<BackupDescription> describeBackup(@PathVariable String arn) {
        return Mono.defer(() -> client.describeBackup(arn));
    }

    /** The backup's URL: its ARN as one path segment (its slashes encoded). */
    static URI backupUrl(String arn) {
        return URI.create("/backups/" + UriUtils.encodePathSegment(arn, StandardCharsets.UTF_8));
    }

    /**
     * Streams backup summaries (of one table, or all), pages fetched as the response is written: one JSON document
     * per line for {@code application/x-ndjson}, a JSON array for {@code application/json}.
     */
    @GetMapping(value = "/backups", produces = {MediaType.APPLICATION_NDJSON_VALUE, MediaType.APPLICATION_JSON_VALUE})
    Flux<BackupSummary> listBackups(@RequestParam Optional<String> table) {
        return Flux.defer(() -> client.listBackups(ListBackupsRequest.builder().tableName(table.orElse(null)).build()));
    }

    /**
     * Backs up the selected tables, streaming one server-sent event per table as it finishes ({@code created},
     * {@code failed}, {@code skipped}), then a {@code summary}. When the service shuts down meanwhile, the job stops
     * taking tables, the calls already sent finish, and the rest are {@code skipped} ({@link BulkBackupStream}).
     */
    @PostMapping(value = "/backups:bulk", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<Object>> backupAll(@RequestBody BulkBackupRequest request) {
        return Flux.defer(() -> {
            BackupPlan requestPlan = request.plan(plan, limits);
            TableSelection selection = request.selection(limits);
            if (regions.isPresent()) {
                return backupAllRegions(selection, requestPlan, regions.get());
            }
            // The whole selection is known (at most one more than the cap) before the first backup is started, so
            // a request over the cap starts nothing.
            return selection.tables(client)
                    .take(limits.maxTables() + 1L)
                    .collectList()
                    .flatMapMany(tables -> bulk.run(client, limits.checked(tables), requestPlan));
        });
    }

    /**
     * {@code ddb.backup.regions}: the selection in every region at once, each with its own client; the cap counts
     * the tables of all regions, and every region's selection is known before the first backup is started.
     */
    private Flux<ServerSentEvent<Object>> backupAllRegions(TableSelection selection, BackupPlan requestPlan,
                                                           RegionalClients clients) {
        return Flux.fromIterable(clients.byRegion().entrySet())
                .flatMapSequential(region -> selection.tables(region.getValue())
                        .take(limits.maxTables() + 1L)
                        .collectList()
                        .map(tables -> new BulkBackupStream.Selected(Optional.of(region.getKey()), region.getValue(),
                                tables)))
                .collectList()
                .flatMapMany(selected -> {
                    limits.checked(selected.stream().flatMap(inRegion -> inRegion.tables().stream()).toList());
                    return bulk.run(selected, requestPlan);
                });
    }
}
