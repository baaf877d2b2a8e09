package io.github.ddbbackup.benchmarks;

import java.util.function.Consumer;

/**
 * One of the two clients compared, reduced to the call the harness makes: a CreateBackup whose completion is
 * reported to a callback ({@code null} on success, the failure otherwise). Both sides pay the same thin adapter.
 */
interface Contender extends AutoCloseable {

    /** A short label for reports: "ours" or "sdk". */
    String label();

    /** Starts one CreateBackup; {@code done} is called exactly once, on whatever thread the client completes on. */
    void createBackup(String table, String backupName, Consumer<Throwable> done);

    @Override
    void close();
}
