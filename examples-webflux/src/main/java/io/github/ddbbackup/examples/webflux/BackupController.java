package io.github.ddbbackup.examples.webflux;

import io.github.ddbbackup.core.BackupDetails;
import io.github.ddbbackup.core.BackupSummary;
import io.github.ddbbackup.core.ListBackupsRequest;
import io.github.ddbbackup.reactor.BackupPlan;
import io.github.ddbbackup.reactor.DynamoDbBackupClient;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The service's HTTP API over the auto-configured client; errors become problems ({@link ProblemDetailsAdvice}). */
@RestController
class BackupController {

    private final DynamoDbBackupClient client;
    private final BackupPlan plan;
    private final BulkBackupStream bulk;

    BackupController(DynamoDbBackupClient client, BackupPlan plan) {
        this.client = client;
        this.plan = plan;
        this.bulk = new BulkBackupStream(client);
    }

    /** Creates a backup of {@code table}, named {@code name} or, without it, by the plan's name template. */
    @PostMapping("/tables/{table}/backups")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<BackupDetails> createBackup(@PathVariable String table, @RequestParam Optional<String> name) {
        return Mono.defer(() -> client.createBackup(table,
                name.orElseGet(() -> plan.backupNameFor(table, plan.clock().instant()))));
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
     * {@code failed}, {@code skipped}), then a {@code summary}.
     */
    @PostMapping(value = "/backups:bulk", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<Object>> backupAll(@RequestBody BulkBackupRequest request) {
        return Flux.defer(() -> bulk.run(request.selection(), request.plan(plan)));
    }
}
