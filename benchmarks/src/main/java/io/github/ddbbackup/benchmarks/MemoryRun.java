package io.github.ddbbackup.benchmarks;

import io.github.ddbbackup.emulator.DynamoDbEmulator;
import io.github.ddbbackup.emulator.EmulatorRateLimits;
import io.github.ddbbackup.reactor.BackupOutcome;
import io.github.ddbbackup.reactor.BackupPlan;
import io.github.ddbbackup.reactor.DynamoDbBackupClient;
import io.github.ddbbackup.reactor.DynamoDbBackupClientBuilder;
import io.github.ddbbackup.ratelimit.RateLimits;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The child side of {@link MemoryCommand}: the emulator (no rate limits) holding N tables, and our client (its own
 * rate limit off too) running {@code backupAll} over {@code listTables()}, so that neither the input nor the
 * outcomes are ever held as a whole by the job. Everything, the emulator's tables and backups included, lives in
 * this JVM's heap. Exit code 0 when every table was backed up.
 */
@Command(name = MemoryRun.NAME, hidden = true)
final class MemoryRun implements Callable<Integer> {

    static final String NAME = "memory-run";

    @Option(names = "--tables", defaultValue = "10000")
    int tables;

    private final PrintStream out;

    MemoryRun(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        Validate.atLeast("--tables", tables, 1);
        out.println(Environment.describe());
        try (DynamoDbEmulator emulator = DynamoDbEmulator.builder()
                .rateLimits(EmulatorRateLimits.NONE)
                .requestLogCapacity(0)
                .build()) {
            emulator.start();
            emulator.createTables("memory-", tables);
            Map<BackupOutcome.Status, Integer> counts = new EnumMap<>(BackupOutcome.Status.class);
            long start = System.nanoTime();
            try (DynamoDbBackupClient client = OurContender.client(emulator,
                    DynamoDbBackupClientBuilder.DEFAULT_MAX_CONNECTIONS, RateLimits.NONE)) {
                client.backupAll(client.listTables(), BackupPlan.DEFAULT)
                        .doOnNext(outcome -> counts.merge(outcome.status(), 1, Integer::sum))
                        .blockLast(Duration.ofMinutes(10));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            int created = counts.getOrDefault(BackupOutcome.Status.CREATED, 0);
            out.printf(Locale.ROOT, "backupAll over listTables(): %,d tables, %s in %.1f s (%,.0f tables/s);"
                            + " emulator counted %,d CreateBackup calls%n", tables, counts, seconds,
                    tables / seconds, emulator.stats().callCount("CreateBackup"));
            out.println(heapReport(tables));
            return created == tables ? 0 : 1;
        }
    }

    /**
     * The heap limit, the most each heap pool ever held (summed: an upper bound of the peak), and what is still
     * reachable after a full collection with the emulator alive (its tables and backups).
     */
    private static String heapReport(int tables) {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        long collections = 0;
        long collectionMillis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            collections += Math.max(0, gc.getCollectionCount());
            collectionMillis += Math.max(0, gc.getCollectionTime());
        }
        System.gc();
        long live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return String.format(Locale.ROOT, "heap: max %d MiB; sum of pool peaks %.1f MiB; %d collections (%d ms);"
                        + " live after a full collection %.1f MiB (the emulator's %,d tables and their backups)",
                Runtime.getRuntime().maxMemory() >> 20, peak / 1048576.0, collections, collectionMillis,
                live / 1048576.0, tables);
    }
}
