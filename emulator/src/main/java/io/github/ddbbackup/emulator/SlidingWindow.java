package io.github.ddbbackup.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;

/**
 * The times of calls in the last second, as seen from a call at time {@code t}: those in {@code (t - 1 s, t]}. Exact
 * over any window, unlike a token bucket (which lets a burst and its refill share one second), so a limit of 50 means
 * no 1-second window ever holds 51 calls. Not thread-safe: owners synchronize.
 */
final class SlidingWindow {

    static final Duration LENGTH = Duration.ofSeconds(1);

    private final ArrayDeque<Instant> times = new ArrayDeque<>();

    /** How many recorded calls fall in {@code (t - 1 s, t]}; forgets older ones. */
    int countAt(Instant t) {
        Instant start = t.minus(LENGTH);
        while (!times.isEmpty() && !times.peekFirst().isAfter(start)) {
            times.pollFirst();
        }
        return times.size();
    }

    /** Records a call at {@code t}; calls are recorded in time order. */
    void add(Instant t) {
        times.addLast(t);
    }
}
