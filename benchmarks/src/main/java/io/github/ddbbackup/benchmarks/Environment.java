package io.github.ddbbackup.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** The machine a result comes from, printed at the top of every report. */
final class Environment {

    private Environment() {
    }

    static String describe() {
        Runtime runtime = Runtime.getRuntime();
        return String.format("machine: %d cores available to the JVM, JDK %s (%s), max heap %d MiB, %s %s;"
                        + " load average %s; at %s",
                runtime.availableProcessors(), System.getProperty("java.version"), System.getProperty("java.vm.name"),
                runtime.maxMemory() >> 20, System.getProperty("os.name"), System.getProperty("os.arch"),
                loadAverage(), Instant.now());
    }

    /** The 1, 5 and 15 minute load averages, where the OS shows them. */
    static String loadAverage() {
        Path loadavg = Path.of("/proc/loadavg");
        try {
            if (Files.isReadable(loadavg)) {
                String[] fields = Files.readString(loadavg).trim().split("\\s+");
                return fields[0] + " " + fields[1] + " " + fields[2];
            }
        } catch (IOException e) {
            return "unreadable (" + e.getMessage() + ")";
        }
        return "n/a";
    }
}
