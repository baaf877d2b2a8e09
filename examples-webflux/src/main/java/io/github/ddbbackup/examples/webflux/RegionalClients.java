package io.github.ddbbackup.examples.webflux;

import io.github.ddbbackup.emulator.DynamoDbEmulator;
import io.github.ddbbackup.reactor.DynamoDbBackupClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ddb.backup.regions}: one client per region, for the bulk endpoint to back up in every region at once
 * ({@link RegionsConfiguration}), each with its own endpoint, credentials scope and rate-limit budgets. In the local
 * mode each region has its own emulator, owned here.
 */
final class RegionalClients implements AutoCloseable {

    private final Map<String, DynamoDbBackupClient> clients;
    private final List<DynamoDbEmulator> emulators;

    /**
     * @param clients   by region, in the order configured
     * @param emulators the local mode's emulators, closed after the clients
     */
    RegionalClients(Map<String, DynamoDbBackupClient> clients, List<DynamoDbEmulator> emulators) {
        this.clients = new LinkedHashMap<>(clients);
        this.emulators = new ArrayList<>(emulators);
    }

    /** The clients by region, in the order configured. */
    Map<String, DynamoDbBackupClient> byRegion() {
        return Collections.unmodifiableMap(clients);
    }

    /** The local mode's emulator of {@code region}, if it has one. */
    Optional<DynamoDbEmulator> emulator(String region) {
        return emulators.stream().filter(emulator -> emulator.region().equals(region)).findFirst();
    }

    @Override
    public void close() {
        clients.values().forEach(DynamoDbBackupClient::close);
        emulators.forEach(DynamoDbEmulator::close);
    }
}
