package io.github.ddbbackup.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * CPU load beside a measurement: {@code n} child JVMs, each one thread spinning ({@link CpuBurner}), started before
 * the measurement and stopped after it. Separate processes, as another program on the machine would be: they compete
 * for the cores with the measured JVM, not with its heap or its JIT. A child also ends by itself when this JVM dies
 * (its stdin closes).
 */
final class CpuBurners implements AutoCloseable {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final List<Process> children;

    private CpuBurners(List<Process> children) {
        this.children = children;
    }

    static CpuBurners start(int n) throws IOException {
        List<Process> children = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                children.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx16m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                        Main.class.getName(), CpuBurner.NAME)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start());
            }
        } catch (IOException | RuntimeException e) {
            new CpuBurners(children).close();
            throw e;
        }
        return new CpuBurners(children);
    }

    /** How many burners were started. */
    int count() {
        return children.size();
    }

    /** How many burners are running now. */
    long running() {
        return children.stream().filter(Process::isAlive).count();
    }

    /** E.g. {@code 2 CPU burners (child JVMs, one spinning thread each; pids 123, 124)}. */
    String describe() {
        return children.size() + " CPU burners (child JVMs, one spinning thread each; pids "
                + String.join(", ", children.stream().map(p -> Long.toString(p.pid())).toList()) + ")";
    }

    /** Stops every child (SIGTERM, then SIGKILL after a bounded wait). */
    @Override
    public void close() {
        children.forEach(Process::destroy);
        for (Process child : children) {
            try {
                if (!child.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    child.destroyForcibly();
                }
            } catch (InterruptedException e) {
                child.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
