package io.github.ddbbackup.benchmarks;

/**
 * One measured round of one side: the calls, what the process spent on them, and that side's live threads after it.
 */
record RoundResult(String side, int round, ClosedLoop.Outcome outcome, ProcessMeter.Usage usage, int threads) {

    double callsPerSecond() {
        return outcome.calls() * 1e9 / outcome.wallNanos();
    }

    /** Process CPU per call, the emulator's threads included. */
    double cpuMicrosPerCall() {
        return usage.processCpuNanos() / 1e3 / outcome.calls();
    }

    /** Process CPU per call less the emulator's threads and the JIT: the client's threads, GC, the harness. */
    double clientCpuMicrosPerCall() {
        return usage.clientCpuNanos() / 1e3 / outcome.calls();
    }

    double emulatorCpuMicrosPerCall() {
        return usage.emulatorCpuNanos() / 1e3 / outcome.calls();
    }

    /** CPU per call of the side's own threads (event loops, completion executors, timers). */
    double sideThreadsCpuMicrosPerCall() {
        return usage.sideThreadsCpuNanos() / 1e3 / outcome.calls();
    }

    double jitCpuMicrosPerCall() {
        return usage.jitCpuNanos() / 1e3 / outcome.calls();
    }

    double gcCpuMicrosPerCall() {
        return usage.gcCpuNanos() / 1e3 / outcome.calls();
    }

    double allocatedBytesPerCall() {
        return (double) usage.allocatedBytes() / outcome.calls();
    }

    double clientAllocatedBytesPerCall() {
        return (double) usage.clientAllocatedBytes() / outcome.calls();
    }
}
