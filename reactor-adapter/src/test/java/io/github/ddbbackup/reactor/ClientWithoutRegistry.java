package io.github.ddbbackup.reactor;

import io.github.ddbbackup.core.Operation;
import io.github.ddbbackup.emulator.DynamoDbEmulator;
import java.time.Duration;
import java.util.List;
import reactor.core.publisher.Flux;

/**
 * What {@link NoMicrometerTest} runs in a class loader of its own: a client built without a registry, over a scripted
 * transport (a retried call, an ambiguous create resolved, a bulk job) and over real HTTP with its own connection
 * pool (against the emulator). Returns what happened, as plain JDK types, for the test's loader to check.
 */
final class ClientWithoutRegistry {

    static final Duration WAIT = Duration.ofSeconds(20);

    private ClientWithoutRegistry() {
    }

    /** {@code beforeRelease} runs once every call has been made, before the clients and the emulator are released. */
    static List<String> run(Runnable beforeRelease) {
        ScriptedExchange server = new ScriptedExchange();
        server.expect(Operation.CREATE_BACKUP).thenError(400, "ThrottlingException")
                .expect(Operation.CREATE_BACKUP).thenRespond(200, ScriptedClientTest.CREATED)
                .expect(Operation.CREATE_BACKUP).thenLoseConnection(true)
                .expect(Operation.LIST_BACKUPS).thenRespond(200, ScriptedClientTest.LISTED);
        DynamoDbBackupClient scripted = ScriptedClients.builder(server).resolveAmbiguousCreateBackup(true).build();
        String retried = scripted.createBackup("orders", "orders-1").block(WAIT).backupArn();
        String found = scripted.createBackup("orders", "orders-1").block(WAIT).backupArn();
        DynamoDbEmulator emulator = DynamoDbEmulator.builder().build();
        try {
            emulator.start();
            emulator.createTable("orders");
            DynamoDbBackupClient http = EmulatorClients.builder(emulator, DynamoDbEmulator.DEFAULT_ACCESS_KEY_ID,
                    DynamoDbEmulator.DEFAULT_SECRET_ACCESS_KEY).build();
            try {
                String status = http.backupAll(Flux.just("orders"), BackupPlan.DEFAULT).blockLast(WAIT)
                        .status().name();
                List<String> results = List.of(retried, found, status,
                        String.join(",", http.listTables().collectList().block(WAIT)));
                beforeRelease.run();
                return results;
            } finally {
                http.closeLater().block(WAIT);
            }
        } finally {
            emulator.close();
        }
    }
}
