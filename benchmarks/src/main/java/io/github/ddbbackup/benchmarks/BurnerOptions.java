package io.github.ddbbackup.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options that put CPU load beside a scenario ({@link CpuBurners}), shared by the scenarios that take them. */
final class BurnerOptions {

    @Option(names = "--burners", defaultValue = "0",
            description = "CPU-burning child processes (one spinning thread each) running beside the jobs."
                    + " Default: ${DEFAULT-VALUE}.")
    int burners;

    @Option(names = "--burners-lead", defaultValue = "PT0S",
            description = "How long the burners run before the jobs start (the 1-minute load average needs time to"
                    + " show them). Default: ${DEFAULT-VALUE}.")
    Duration lead;

    /** Starts the burners, says so, and lets them run for the lead time. */
    CpuBurners start(PrintStream out) throws IOException, InterruptedException {
        Validate.atLeast("--burners", burners, 0);
        CpuBurners started = CpuBurners.start(burners);
        if (burners > 0) {
            out.println("load: " + started.describe() + ", started " + lead + " before the jobs");
            Thread.sleep(lead.toMillis());
        }
        return started;
    }
}
