package io.github.ddbbackup.benchmarks;

import io.github.ddbbackup.emulator.DynamoDbEmulator;
import java.util.List;

/**
 * The requests of a run, made before it starts so that building strings is not measured: call {@code i} backs up
 * table {@code i mod tables} under a name unique within the run.
 */
final class Workload {

    static final String TABLE_PREFIX = "bench-";

    private final List<String> tables;
    private final String[] backupNames;

    private Workload(List<String> tables, String[] backupNames) {
        this.tables = tables;
        this.backupNames = backupNames;
    }

    /** Creates {@code tableCount} tables on the emulator and names for {@code calls} backups. */
    static Workload create(DynamoDbEmulator emulator, int tableCount, int calls) {
        List<String> tables = emulator.createTables(TABLE_PREFIX, tableCount);
        String[] names = new String[calls];
        for (int i = 0; i < calls; i++) {
            names[i] = "backup-" + i;
        }
        return new Workload(tables, names);
    }

    String table(int call) {
        return tables.get(call % tables.size());
    }

    String backupName(int call) {
        return backupNames[call];
    }
}
