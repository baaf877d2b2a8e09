package io.github.ddbbackup.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.HdrHistogram.Histogram;

/** The text the comparison prints: one line per round, then per side the medians, then ours/SDK. */
final class Report {

    private Report() {
    }

    static String roundLine(RoundResult r) {
        Histogram h = r.outcome().latencyMicros();
        return String.format(Locale.ROOT, "round %d %-4s %,8.0f calls/s | cpu/call %6.1f us (client %6.1f:"
                        + " its threads %6.1f, gc %5.1f; emulator %6.1f; jit %5.1f) | alloc/call %8.0f B (client"
                        + " %8.0f) | p50 %6.2f p99 %6.2f p999 %6.2f ms | gc %d"
                        + " (%d ms) | threads %d | failed %d%s",
                r.round(), r.side(), r.callsPerSecond(), r.cpuMicrosPerCall(), r.clientCpuMicrosPerCall(),
                r.sideThreadsCpuMicrosPerCall(), r.gcCpuMicrosPerCall(), r.emulatorCpuMicrosPerCall(),
                r.jitCpuMicrosPerCall(), r.allocatedBytesPerCall(), r.clientAllocatedBytesPerCall(),
                millis(h, 50), millis(h, 99), millis(h, 99.9), r.usage().gcCount(), r.usage().gcMillis(),
                r.threads(), r.outcome().failures(),
                r.outcome().failures() > 0 ? " " + r.outcome().failureKinds() : "");
    }

    /** Medians over each side's rounds (latency from all its rounds' calls merged), then the ratios. */
    static String summary(List<RoundResult> results, String ours, String sdk) {
        Side a = Side.of(results, ours);
        Side b = Side.of(results, sdk);
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "%-44s %12s %12s %12s%n", "median over rounds", ours, sdk,
                ours + "/" + sdk));
        row(text, "calls/s", a.callsPerSecond, b.callsPerSecond, "%,12.0f");
        row(text, "process CPU per call, us", a.cpuPerCall, b.cpuPerCall, "%12.1f");
        row(text, "  client (less emulator threads and JIT), us", a.clientCpuPerCall, b.clientCpuPerCall, "%12.1f");
        row(text, "    of which the client's own threads, us", a.sideThreadsCpuPerCall, b.sideThreadsCpuPerCall,
                "%12.1f");
        row(text, "    of which GC threads, us", a.gcCpuPerCall, b.gcCpuPerCall, "%12.1f");
        row(text, "  emulator threads, us", a.emulatorCpuPerCall, b.emulatorCpuPerCall, "%12.1f");
        row(text, "  JIT compiler threads, us", a.jitCpuPerCall, b.jitCpuPerCall, "%12.1f");
        row(text, "calls per process CPU-second", 1e6 / a.cpuPerCall, 1e6 / b.cpuPerCall, "%,12.0f");
        row(text, "calls per client CPU-second", 1e6 / a.clientCpuPerCall, 1e6 / b.clientCpuPerCall, "%,12.0f");
        row(text, "latency p50, ms", millis(a.latency, 50), millis(b.latency, 50), "%12.2f");
        row(text, "latency p99, ms", millis(a.latency, 99), millis(b.latency, 99), "%12.2f");
        row(text, "latency p999, ms", millis(a.latency, 99.9), millis(b.latency, 99.9), "%12.2f");
        row(text, "bytes allocated per call (process)", a.allocatedPerCall, b.allocatedPerCall, "%,12.0f");
        row(text, "  less emulator threads (client)", a.clientAllocatedPerCall, b.clientAllocatedPerCall, "%,12.0f");
        row(text, "live threads (most seen)", a.threads, b.threads, "%12.0f");
        double cpuRatio = b.clientCpuPerCall / a.clientCpuPerCall;
        double p99Ratio = millis(a.latency, 99) / millis(b.latency, 99);
        text.append(String.format(Locale.ROOT, "%ntarget: >= 2x the SDK's calls per client CPU-second: %.2fx %s%n",
                cpuRatio, cpuRatio >= 2 ? "(met)" : "(NOT met)"));
        text.append(String.format(Locale.ROOT, "target: p99 no worse than the SDK's: ours/sdk %.2f %s",
                p99Ratio, p99Ratio <= 1 ? "(met)" : "(NOT met)"));
        return text.toString();
    }

    private static void row(StringBuilder text, String label, double ours, double sdk, String format) {
        text.append(String.format(Locale.ROOT, "%-44s " + format + " " + format + " %12.2f%n", label, ours, sdk,
                ours / sdk));
    }

    static double millis(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1000.0;
    }

    /** One side's medians. */
    /**
     * What attaching a meter registry costs our client: the medians of both, and the target of issue 19 (client CPU per
     * call with meters within 10% of without).
     */
    static String meteringCost(List<RoundResult> results, String plain, String metered) {
        Side a = Side.of(results, plain);
        Side b = Side.of(results, metered);
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "%-44s %12s %12s %12s%n", "median over rounds", plain, metered,
                plain + "/" + metered));
        row(text, "calls/s", a.callsPerSecond, b.callsPerSecond, "%,12.0f");
        row(text, "  client CPU per call, us", a.clientCpuPerCall, b.clientCpuPerCall, "%12.1f");
        row(text, "latency p99, ms", millis(a.latency, 99), millis(b.latency, 99), "%12.2f");
        row(text, "  client bytes allocated per call", a.clientAllocatedPerCall, b.clientAllocatedPerCall,
                "%,12.0f");
        double cost = b.clientCpuPerCall / a.clientCpuPerCall;
        text.append(String.format(Locale.ROOT, "%ntarget: client CPU per call with meters within 10%% of without:"
                + " %+.1f%% %s", (cost - 1) * 100, cost <= 1.10 ? "(met)" : "(NOT met)"));
        return text.toString();
    }

    private record Side(double callsPerSecond, double cpuPerCall, double clientCpuPerCall, double sideThreadsCpuPerCall,
                        double gcCpuPerCall, double emulatorCpuPerCall, double jitCpuPerCall,
                        double allocatedPerCall, double clientAllocatedPerCall, double threads, Histogram latency) {

        static Side of(List<RoundResult> all, String side) {
            List<RoundResult> rounds = all.stream().filter(r -> r.side().equals(side)).toList();
            Histogram latency = new Histogram(1, ClosedLoop.MAX_LATENCY_MICROS, 3);
            rounds.forEach(r -> latency.add(r.outcome().latencyMicros()));
            return new Side(median(rounds, RoundResult::callsPerSecond), median(rounds, RoundResult::cpuMicrosPerCall),
                    median(rounds, RoundResult::clientCpuMicrosPerCall),
                    median(rounds, RoundResult::sideThreadsCpuMicrosPerCall),
                    median(rounds, RoundResult::gcCpuMicrosPerCall),
                    median(rounds, RoundResult::emulatorCpuMicrosPerCall),
                    median(rounds, RoundResult::jitCpuMicrosPerCall),
                    median(rounds, RoundResult::allocatedBytesPerCall),
                    median(rounds, RoundResult::clientAllocatedBytesPerCall),
                    rounds.stream().mapToInt(RoundResult::threads).max().orElse(0), latency);
        }

        private static double median(List<RoundResult> rounds, ToDoubleFunction<RoundResult> metric) {
            double[] values = rounds.stream().mapToDouble(metric).sorted().toArray();
            int n = values.length;
            return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
        }
    }
}
