package io.github.ddbbackup.benchmarks;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Whose threads are alive. Both clients live in one JVM, so each side's threads are told apart: by the name prefixes
 * each library gives its threads, and otherwise by when a thread first appeared (it belongs to the side that was
 * running). Threads alive when the census starts, and those {@code nobodys} accepts (the emulator's), belong to
 * nobody unless their name says otherwise (a JVM that already ran the client, as a test JVM does).
 */
final class ThreadCensus {

    /** Thread name prefixes of each side's libraries: Reactor Netty and Reactor; the AWS SDK and its Netty client. */
    static final Map<String, List<String>> KNOWN_PREFIXES = Map.of(
            "ours", List.of("reactor-http-", "reactor-netty-", "parallel-", "boundedElastic-"),
            "sdk", List.of("aws-java-sdk-", "sdk-async-response-", "sdk-ScheduledExecutor-"));

    private final Map<Long, String> owners = new HashMap<>();
    private final Predicate<String> nobodys;

    ThreadCensus(Predicate<String> nobodys) {
        this.nobodys = nobodys;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            owners.put(thread.getId(), knownOwner(thread.getName(), ""));
        }
    }

    /** Gives every thread not seen before to {@code side}, and returns how many threads of {@code side} are alive. */
    int claimAndCount(String side) {
        int alive = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            String owner = owners.computeIfAbsent(thread.getId(),
                    id -> nobodys.test(thread.getName()) ? "" : knownOwner(thread.getName(), side));
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

    private static String knownOwner(String threadName, String otherwise) {
        for (Map.Entry<String, List<String>> side : KNOWN_PREFIXES.entrySet()) {
            if (side.getValue().stream().anyMatch(threadName::startsWith)) {
                return side.getKey();
            }
        }
        return otherwise;
    }
}
