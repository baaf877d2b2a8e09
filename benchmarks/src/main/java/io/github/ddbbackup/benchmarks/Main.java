package io.github.ddbbackup.benchmarks;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * The one entry point of {@code benchmarks.jar}: {@code compare}, {@code bulk} and {@code memory} run the harness
 * scenarios; anything else goes to JMH's own command line (e.g. {@code -prof gc}, a benchmark regex, {@code -h}).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && isScenario(args[0])) {
            System.exit(run(args, System.out));
        }
        org.openjdk.jmh.Main.main(args);
    }

    static boolean isScenario(String name) {
        return switch (name) {
            case "compare", "bulk", "memory", MemoryRun.NAME -> true;
            default -> false;
        };
    }

    /** Runs a scenario; returns its exit code (2 for a usage error). */
    static int run(String[] args, PrintStream out) {
        Callable<Integer> scenario = switch (args[0]) {
            case "compare" -> new CompareCommand(out);
            case "bulk" -> new BulkCommand(out);
            case "memory" -> new MemoryCommand(out);
            case MemoryRun.NAME -> new MemoryRun(out);
            default -> throw new IllegalArgumentException("scenario: " + args[0]
                    + " violates one of compare, bulk, memory");
        };
        return new CommandLine(scenario)
                .setExecutionExceptionHandler((e, commandLine, parsed) -> {
                    if (e instanceof IllegalArgumentException) {
                        commandLine.getErr().println(e.getMessage());
                        return 2;
                    }
                    throw e;
                })
                .execute(Arrays.copyOfRange(args, 1, args.length));
    }
}
