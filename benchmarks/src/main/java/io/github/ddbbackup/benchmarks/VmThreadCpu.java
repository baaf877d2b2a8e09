package io.github.ddbbackup.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time of the JVM's own threads, which {@code ThreadMXBean} does not show: the JIT compilers and the garbage
 * collector. Read from {@code /proc/self/task} (Linux; elsewhere both read 0, and the report says so). Clock ticks
 * are taken as 10 ms, the Linux default.
 */
final class VmThreadCpu {

    /** Cumulative CPU of the compiler threads and of the GC threads. */
    record Reading(long jitNanos, long gcNanos) {
    }

    private static final Path TASKS = Path.of("/proc/self/task");
    private static final long NANOS_PER_TICK = 10_000_000L;

    private VmThreadCpu() {
    }

    static boolean available() {
        return Files.isDirectory(TASKS);
    }

    static Reading read() {
        if (!available()) {
            return new Reading(0, 0);
        }
        long jit = 0;
        long gc = 0;
        try (Stream<Path> tasks = Files.list(TASKS)) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat = readOrEmpty(task.resolve("stat"));
                int end = stat.lastIndexOf(')');
                if (end < 0) {
                    continue;
                }
                String name = stat.substring(stat.indexOf('(') + 1, end);
                String[] fields = stat.substring(end + 2).split(" ");
                long nanos = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
                if (name.contains("CompilerThre")) {
                    jit += nanos;
                } else if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.equals("VM Thread")) {
                    gc += nanos;
                }
            }
        } catch (IOException e) {
            return new Reading(0, 0);
        }
        return new Reading(jit, gc);
    }

    /** A thread may end between listing and reading. */
    private static String readOrEmpty(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
