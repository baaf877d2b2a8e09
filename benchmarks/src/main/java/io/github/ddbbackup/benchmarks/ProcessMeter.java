package io.github.ddbbackup.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongPredicate;
import java.util.function.Predicate;

/**
 * Reads what the process has spent so far: CPU time (every thread, GC and JIT included), bytes allocated on the heap
 * (every thread, finished ones included), GC count and time, and each live thread's CPU time and allocation, so that
 * the in-process emulator's threads can be taken out of the client's share.
 */
final class ProcessMeter {

    /** One thread's cumulative counters. */
    record ThreadReading(String name, long cpuNanos, long allocatedBytes) {
    }

    /** Cumulative counters at one instant. */
    record Reading(long nanoTime, long processCpuNanos, long allocatedBytes, long gcCount, long gcMillis,
                   Map<Long, ThreadReading> threads, VmThreadCpu.Reading vm) {
    }

    /**
     * What was spent between two readings: by the process, by the emulator's threads, by the threads of the side
     * that ran, by the JIT compilers and by the GC threads (the rest is the harness and the VM).
     */
    record Usage(long wallNanos, long processCpuNanos, long allocatedBytes, long gcCount, long gcMillis,
                 long emulatorCpuNanos, long emulatorAllocatedBytes, long sideThreadsCpuNanos, long jitCpuNanos,
                 long gcCpuNanos) {

        /**
         * The process less the emulator's threads and the JIT compilers: the client's threads, the GC (which also
         * collects the emulator's garbage), the harness. JIT work is warm-up, not a per-call cost, and in one JVM it
         * cannot be told whose code it compiles.
         */
        long clientCpuNanos() {
            return processCpuNanos - emulatorCpuNanos - jitCpuNanos;
        }

        long clientAllocatedBytes() {
            return allocatedBytes - emulatorAllocatedBytes;
        }
    }

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    ProcessMeter() {
        threads.setThreadCpuTimeEnabled(true);
        threads.setThreadAllocatedMemoryEnabled(true);
    }

    Reading read() {
        Map<Long, ThreadReading> perThread = new HashMap<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            long id = thread.getId();
            perThread.put(id, new ThreadReading(thread.getName(), threads.getThreadCpuTime(id),
                    threads.getThreadAllocatedBytes(id)));
        }
        long gcCount = 0;
        long gcMillis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        return new Reading(System.nanoTime(), os.getProcessCpuTime(), threads.getTotalThreadAllocatedBytes(),
                gcCount, gcMillis, perThread, VmThreadCpu.read());
    }

    /**
     * @param emulatorThread the emulator's threads, by name
     * @param sideThread     the threads of the side that ran, by id
     */
    static Usage between(Reading before, Reading after, Predicate<String> emulatorThread, LongPredicate sideThread) {
        long emulatorCpu = 0;
        long emulatorAllocated = 0;
        long sideCpu = 0;
        for (Map.Entry<Long, ThreadReading> end : after.threads().entrySet()) {
            ThreadReading start = before.threads().getOrDefault(end.getKey(),
                    new ThreadReading(end.getValue().name(), 0, 0));
            long cpu = end.getValue().cpuNanos() - start.cpuNanos();
            if (emulatorThread.test(end.getValue().name())) {
                emulatorCpu += cpu;
                emulatorAllocated += end.getValue().allocatedBytes() - start.allocatedBytes();
            } else if (sideThread.test(end.getKey())) {
                sideCpu += cpu;
            }
        }
        return new Usage(after.nanoTime() - before.nanoTime(), after.processCpuNanos() - before.processCpuNanos(),
                after.allocatedBytes() - before.allocatedBytes(), after.gcCount() - before.gcCount(),
                after.gcMillis() - before.gcMillis(), emulatorCpu, emulatorAllocated, sideCpu,
                after.vm().jitNanos() - before.vm().jitNanos(), after.vm().gcNanos() - before.vm().gcNanos());
    }
}
