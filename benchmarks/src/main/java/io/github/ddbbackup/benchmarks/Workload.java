package io.github.ddbbackup.benchmarks;

import java.util.List;

/**
 * The requests of a run, made before it starts so that building strings is not measured: call {@code i} backs up
 * table {@code i mod tables} (named as {@link io.github.ddbbackup.emulator.DynamoDbEmulator#createTables} names
 * them) under a name unique within the run.
 */
final class Workload {

    static final String TABLE_PREFIX = "bench-";

    private final String[] tables;
    private final String[] backupNames;

    private Workload(String[] tables, String[] backupNames) {
        this.tables = tables;
        this.backupNames = backupNames;
    }

    /** Names for {@code calls} backups over the tables an emulator made with {@code createTables(PREFIX, n)}. */
    static Workload over(List<String> tableNames, int calls) {
        String[] names = new String[calls];
        for (int i = 0; i < calls; i++) {
            names[i] = "backup-" + i;
        }
        return new Workload(tableNames.toArray(String[]::new), names);
    }

    String table(int call) {
        return tables[call % tables.length];
    }

    String backupName(int call) {
        return backupNames[call];
    }
}
