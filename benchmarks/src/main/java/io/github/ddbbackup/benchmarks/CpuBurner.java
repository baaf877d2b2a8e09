package io.github.ddbbackup.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * The child side of {@link CpuBurners}: keeps one core busy until it is killed or its stdin closes (the parent is
 * gone). Its result is written to a volatile field now and then, so the loop is work the JIT must keep.
 */
@Command(name = CpuBurner.NAME, hidden = true)
final class CpuBurner implements Callable<Integer> {

    static final String NAME = "cpu-burner";

    private static volatile long sink;

    @Override
    public Integer call() {
        Thread watcher = new Thread(() -> {
            try (InputStream in = System.in) {
                while (in.read() >= 0) {
                    // Nothing is sent; only the end matters.
                }
            } catch (IOException e) {
                // The parent is gone either way.
            }
            System.exit(0);
        }, "cpu-burner-stdin");
        watcher.setDaemon(true);
        watcher.start();
        long x = System.nanoTime();
        while (true) {
            for (int i = 0; i < 1_000_000; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
            sink = x;
        }
    }
}
