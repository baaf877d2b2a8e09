package io.github.ddbbackup.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads what the process has spent so far: CPU time (every thread, GC and JIT included), bytes allocated on the heap
 * (every thread, finished ones included), GC count and time; and the same for one group of threads picked by name,
 * the in-process emulator's, so that they can be taken out of the client's share.
 */
final class ProcessMeter {

    /** Cumulative counters at one instant. */
    record Reading(long nanoTime, long processCpuNanos, long allocatedBytes, long gcCount, long gcMillis,
                   Map<Long, long[]> groupThreads) {
    }

    /** What was spent between two readings. */
    record Usage(long wallNanos, long processCpuNanos, long allocatedBytes, long gcCount, long gcMillis,
                 long groupCpuNanos, long groupAllocatedBytes) {

        long clientCpuNanos() {
            return processCpuNanos - groupCpuNanos;
        }

        long clientAllocatedBytes() {
            return allocatedBytes - groupAllocatedBytes;
        }
    }

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final Predicate<String> group;

    /** @param groupThreadName which threads form the separately counted group, by name */
    ProcessMeter(Predicate<String> groupThreadName) {
        this.group = groupThreadName;
        threads.setThreadCpuTimeEnabled(true);
        threads.setThreadAllocatedMemoryEnabled(true);
    }

    Reading read() {
        Map<Long, long[]> groupThreads = new HashMap<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (group.test(thread.getName())) {
                long id = thread.getId();
                groupThreads.put(id, new long[] {threads.getThreadCpuTime(id), threads.getThreadAllocatedBytes(id)});
            }
        }
        long gcCount = 0;
        long gcMillis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        return new Reading(System.nanoTime(), os.getProcessCpuTime(), threads.getTotalThreadAllocatedBytes(),
                gcCount, gcMillis, groupThreads);
    }

    static Usage between(Reading before, Reading after) {
        long groupCpu = 0;
        long groupAllocated = 0;
        for (Map.Entry<Long, long[]> end : after.groupThreads().entrySet()) {
            long[] start = before.groupThreads().getOrDefault(end.getKey(), new long[] {0, 0});
            groupCpu += end.getValue()[0] - start[0];
            groupAllocated += end.getValue()[1] - start[1];
        }
        return new Usage(after.nanoTime() - before.nanoTime(), after.processCpuNanos() - before.processCpuNanos(),
                after.allocatedBytes() - before.allocatedBytes(), after.gcCount() - before.gcCount(),
                after.gcMillis() - before.gcMillis(), groupCpu, groupAllocated);
    }
}
