package io.github.ddbbackup.benchmarks;

import io.github.ddbbackup.core.internal.ErrorMapper;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * The one entry point of {@code benchmarks.jar}: {@code compare}, {@code bulk}, {@code memory} and
 * {@code shared-budget} run the harness scenarios; anything else goes to JMH's own command line (e.g.
 * {@code -prof gc}, a benchmark regex, {@code -h}).
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
            case "compare", "bulk", "memory", SharedBudgetCommand.NAME, MemoryRun.NAME, CpuBurner.NAME -> true;
            default -> false;
        };
    }

    /** Runs a scenario; returns its exit code (2 for a usage error). */
    static int run(String[] args, PrintStream out) {
        prepareErrorMapper();
        Callable<Integer> scenario = switch (args[0]) {
            case "compare" -> new CompareCommand(out);
            case "bulk" -> new BulkCommand(out);
            case "memory" -> new MemoryCommand(out);
            case SharedBudgetCommand.NAME -> new SharedBudgetCommand(out);
            case MemoryRun.NAME -> new MemoryRun(out);
            case CpuBurner.NAME -> new CpuBurner();
            default -> throw new IllegalArgumentException("scenario: " + args[0]
                    + " violates one of compare, bulk, memory, " + SharedBudgetCommand.NAME);
        };
        PrintWriter writer = new PrintWriter(out, true);
        return new CommandLine(scenario)
                .setOut(writer)
                .setErr(writer)
                .setExecutionExceptionHandler((e, commandLine, parsed) -> {
                    if (e instanceof IllegalArgumentException) {
                        commandLine.getErr().println(e.getMessage());
                        return 2;
                    }
                    throw e;
                })
                .execute(Arrays.copyOfRange(args, 1, args.length));
    }

    /**
     * Core's {@code ErrorMapper} builds its JSON tree deserializer on first use, under Jackson's lock: the first
     * error responses, arriving together on several event loops, then park there (BlockHound caught it in the bulk
     * scenario). Mapping one error here first keeps that off the event loops until core prepares it itself.
     */
    private static void prepareErrorMapper() {
        ErrorMapper.map(400, null, null, "{\"__type\":\"#ValidationException\",\"message\":\"warm-up\"}"
                .getBytes(StandardCharsets.UTF_8));
    }
}
