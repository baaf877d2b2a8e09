package io.github.ddbbackup.benchmarks;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Whose threads are alive: a thread belongs to the side that was running when it first appeared (threads that
 * existed before either client, the JVM's, the harness's and the emulator's, belong to nobody). Both clients live in
 * one JVM, so this is how each side's thread count is told apart.
 */
final class ThreadCensus {

    private final Map<Long, String> owners = new HashMap<>();
    private final Predicate<String> nobodys;

    /**
     * Marks every thread alive now, and every thread ever named as {@code nobodys} accepts (the emulator's event
     * loops start with its first connection), as belonging to nobody.
     */
    ThreadCensus(Predicate<String> nobodys) {
        this.nobodys = nobodys;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            owners.put(thread.getId(), "");
        }
    }

    /** Gives every thread not seen before to {@code side}, and returns how many threads of {@code side} are alive. */
    int claimAndCount(String side) {
        int alive = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            String owner = owners.computeIfAbsent(thread.getId(),
                    id -> nobodys.test(thread.getName()) ? "" : side);
            if (owner.equals(side)) {
                alive++;
            }
        }
        return alive;
    }

    /** Whether the thread with this id belongs to {@code side}. */
    boolean belongsTo(long threadId, String side) {
        return side.equals(owners.get(threadId));
    }

    /** The alive threads of {@code side} by name with digits folded (e.g. {@code reactor-http-epoll-#: 2}). */
    String describe(String side) {
        Map<String, Integer> byName = new TreeMap<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (side.equals(owners.get(thread.getId()))) {
                byName.merge(thread.getName().replaceAll("\\d+", "#"), 1, Integer::sum);
            }
        }
        return byName.toString();
    }
}
