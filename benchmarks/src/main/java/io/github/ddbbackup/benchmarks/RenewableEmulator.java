package io.github.ddbbackup.benchmarks;

import io.github.ddbbackup.emulator.DynamoDbEmulator;
import io.github.ddbbackup.emulator.EmulatorRateLimits;
import java.time.Duration;
import java.util.List;

/**
 * The emulator of the comparison, replaceable by a fresh one on the same port between rounds. The emulator keeps
 * every backup it ever created, so after a few hundred thousand calls its heap makes every garbage collection
 * longer, for whichever client is running, and dilutes the difference between the clients with work that is
 * neither's. A fresh emulator at the same endpoint starts each round empty; the clients keep their configuration and
 * simply reconnect.
 */
final class RenewableEmulator implements AutoCloseable {

    /** Time for both clients' event loops to see the old emulator's connections close before a round starts. */
    static final Duration SETTLE = Duration.ofMillis(300);

    private final int tables;
    private DynamoDbEmulator current;
    private List<String> tableNames = List.of();

    /** Starts an emulator on a free port, without rate limits or request log, holding {@code tables} tables. */
    RenewableEmulator(int tables) {
        this.tables = tables;
        this.current = started(0);
    }

    DynamoDbEmulator current() {
        return current;
    }

    /** The tables every emulator of this instance holds. */
    List<String> tableNames() {
        return tableNames;
    }

    /** Replaces the emulator by an empty one on the same port, with the same tables. */
    void renew() throws InterruptedException {
        int port = current.endpoint().getPort();
        current.close();
        current = started(port);
        Thread.sleep(SETTLE.toMillis());
    }

    private DynamoDbEmulator started(int port) {
        DynamoDbEmulator emulator = DynamoDbEmulator.builder()
                .port(port)
                .rateLimits(EmulatorRateLimits.NONE)
                .requestLogCapacity(0)
                .build();
        emulator.start();
        tableNames = emulator.createTables(Workload.TABLE_PREFIX, tables);
        return emulator;
    }

    @Override
    public void close() {
        current.close();
    }
}
