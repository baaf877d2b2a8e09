package io.github.ddbbackup.benchmarks;

import io.github.ddbbackup.emulator.DynamoDbEmulator;
import io.github.ddbbackup.ratelimit.RateLimits;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Our client against the AWS SDK's async client, in one JVM, on one in-process emulator without rate limits:
 * a warm-up of each, then alternating measured rounds (the side that goes first alternates too), then the medians
 * and the ratios ours/SDK. Exit code 0 when every call succeeded, 1 when any failed; never on performance.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Side by side: our client vs the AWS SDK v2 DynamoDbAsyncClient (NettyNioAsyncHttpClient),"
                + " CreateBackup against the in-process emulator with rate limits off.")
final class CompareCommand implements Callable<Integer> {

    static final String EMULATOR_THREADS = "ddb-emulator";

    @Option(names = "--calls", defaultValue = "20000",
            description = "CreateBackup calls per round. Default: ${DEFAULT-VALUE}.")
    int calls;

    @Option(names = "--concurrency", defaultValue = "64",
            description = "Calls in flight; also each client's connection pool size. Default: ${DEFAULT-VALUE}.")
    int concurrency;

    @Option(names = "--rounds", defaultValue = "5",
            description = "Measured rounds per client. Default: ${DEFAULT-VALUE}.")
    int rounds;

    @Option(names = "--warmup", defaultValue = "200000",
            description = "Calls per client before measuring, in rounds of --calls, interleaved."
                    + " Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--tables", defaultValue = "64",
            description = "Tables the calls cycle over. Default: ${DEFAULT-VALUE}.")
    int tables;

    @Option(names = "--sides", defaultValue = "ours,sdk", split = ",",
            description = "Which clients to run: ours, sdk, and ours-metered (ours with a Micrometer registry"
                    + " attached; 'ours,ours-metered' measures what the meters cost). Default: ${DEFAULT-VALUE}.")
    List<String> sideLabels;

    @Option(names = "--round-timeout", defaultValue = "PT10M",
            description = "Limit on one round. Default: ${DEFAULT-VALUE}.")
    Duration roundTimeout;

    private final PrintStream out;

    CompareCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        Validate.atLeast("--calls", calls, 1);
        Validate.atLeast("--concurrency", concurrency, 1);
        Validate.atLeast("--rounds", rounds, 1);
        Validate.atLeast("--warmup", warmup, 0);
        Validate.atLeast("--tables", tables, 1);
        out.println(Environment.describe());
        out.printf("compare: %,d calls per round, concurrency %d (pool %d connections each), %d rounds per client,"
                + " warm-up %,d calls per client, %d tables%n", calls, concurrency, concurrency, rounds, warmup,
                tables);
        if (!VmThreadCpu.available()) {
            out.println("note: no /proc/self/task here: JIT and GC thread CPU cannot be separated and count as client");
        }
        try (RenewableEmulator host = new RenewableEmulator(tables)) {
            DynamoDbEmulator emulator = host.current();
            Workload workload = Workload.over(host.tableNames(), calls);
            Predicate<String> emulatorThread = name -> name.startsWith(EMULATOR_THREADS);
            ProcessMeter meter = new ProcessMeter();
            ThreadCensus census = new ThreadCensus(emulatorThread);
            List<RoundResult> results = new ArrayList<>();
            long failedWarmUp = 0;
            try (OurContender ours = OurContender.on(emulator, concurrency, RateLimits.NONE);
                 OurContender metered = OurContender.metered(emulator, concurrency, RateLimits.NONE);
                 SdkContender sdk = SdkContender.on(emulator, concurrency)) {
                List<Contender> sides = Stream.<Contender>of(ours, metered, sdk)
                        .filter(c -> sideLabels.contains(c.label())).toList();
                if (sides.isEmpty()) {
                    throw new IllegalArgumentException("--sides: " + sideLabels
                            + " violates one or more of ours,ours-metered,sdk");
                }
                for (int done = 0, pass = 1; done < warmup; done += calls, pass++) {
                    int chunk = Math.min(calls, warmup - done);
                    for (Contender side : sides) {
                        ClosedLoop.Outcome warm = ClosedLoop.run(side, workload, chunk, concurrency, roundTimeout);
                        census.claimAndCount(side.label());
                        out.printf("warm-up %d %-4s %,8.0f calls/s, %d failed %s%n", pass, side.label(),
                                warm.calls() * 1e9 / warm.wallNanos(), warm.failures(), warm.failureKinds());
                        failedWarmUp += warm.failures();
                    }
                }
                for (int round = 1; round <= rounds; round++) {
                    List<Contender> order = round % 2 == 1 ? sides : reversed(sides);
                    for (Contender side : order) {
                        host.renew();
                        RoundResult result = measure(side, round, workload, meter, census, emulatorThread);
                        results.add(result);
                        out.println(Report.roundLine(result));
                    }
                }
                out.println();
                for (Contender side : sides) {
                    out.println("threads of " + side.label() + ": " + census.describe(side.label()));
                }
                if (sides.contains(ours) && sides.contains(sdk)) {
                    out.println(Report.summary(results, ours.label(), sdk.label()));
                }
                if (sides.contains(ours) && sides.contains(metered)) {
                    out.println(Report.meteringCost(results, ours.label(), metered.label()));
                }
            }
            long failed = failedWarmUp + results.stream().mapToLong(r -> r.outcome().failures()).sum();
            if (failed > 0) {
                out.println("FAILED: " + failed + " calls failed; the harness or a client is broken");
                return 1;
            }
            return 0;
        }
    }

    private static List<Contender> reversed(List<Contender> sides) {
        List<Contender> copy = new ArrayList<>(sides);
        Collections.reverse(copy);
        return copy;
    }

    private RoundResult measure(Contender side, int round, Workload workload, ProcessMeter meter,
                                ThreadCensus census, Predicate<String> emulatorThread) throws InterruptedException {
        // Start each round with a collected heap, so one side does not pay for the other's garbage.
        System.gc();
        ProcessMeter.Reading before = meter.read();
        ClosedLoop.Outcome outcome = ClosedLoop.run(side, workload, calls, concurrency, roundTimeout);
        ProcessMeter.Reading after = meter.read();
        int threads = census.claimAndCount(side.label());
        return new RoundResult(side.label(), round, outcome, ProcessMeter.between(before, after, emulatorThread,
                id -> census.belongsTo(id, side.label())), threads);
    }
}
