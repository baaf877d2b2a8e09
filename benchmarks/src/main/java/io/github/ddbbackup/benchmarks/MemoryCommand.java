package io.github.ddbbackup.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs {@link MemoryRun} in a child JVM limited to a small heap ({@code -Xmx64m} by default) and relays its output
 * and exit code: a heap too small for the job ends the child with an OutOfMemoryError and a non-zero exit.
 */
@Command(name = "memory", mixinStandardHelpOptions = true, sortOptions = false,
        description = "backupAll over many tables in a child JVM with a small heap (default -Xmx64m).")
final class MemoryCommand implements Callable<Integer> {

    @Option(names = "--tables", defaultValue = "10000", description = "Tables to back up. Default: ${DEFAULT-VALUE}.")
    int tables;

    @Option(names = "--heap", defaultValue = "64m", description = "The child's -Xmx. Default: ${DEFAULT-VALUE}.")
    String heap;

    @Option(names = "--timeout", defaultValue = "PT10M", description = "Limit on the child. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    private final PrintStream out;

    MemoryCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        Validate.atLeast("--tables", tables, 1);
        if (!heap.matches("\\d+[kmgKMG]?")) {
            throw new IllegalArgumentException("--heap: " + heap + " violates a -Xmx size such as 64m");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), MemoryRun.NAME, "--tables", String.valueOf(tables)));
        out.println("memory: " + String.join(" ", command.subList(0, 3)) + " ... " + MemoryRun.NAME
                + " --tables " + tables);
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                out.println(line);
            }
        }
        if (!child.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            child.destroyForcibly();
            out.println("FAILED: the child JVM did not finish within " + timeout);
            return 1;
        }
        int exit = child.exitValue();
        if (exit != 0) {
            out.println("FAILED: the child JVM exited with " + exit);
        }
        return exit;
    }
}
