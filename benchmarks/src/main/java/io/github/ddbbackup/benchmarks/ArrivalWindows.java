package io.github.ddbbackup.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The most requests that arrived in any 1-second window {@code (t - 1 s, t]}, counting every arrival, those the
 * emulator refused included. The emulator's own {@code maxCallsInAnyWindow} counts only the calls it admitted, which
 * its limit caps at 50 by construction; what a client's pacing is judged by is how many requests it sent into one
 * second, which this counts from the emulator's request log.
 */
final class ArrivalWindows {

    static final Duration WINDOW = Duration.ofSeconds(1);

    private ArrivalWindows() {
    }

    /** The most of {@code arrivals} (any order) in any window {@code (t - 1 s, t]}; 0 for none. */
    static int mostInAnyWindow(Collection<Instant> arrivals) {
        List<Instant> sorted = new ArrayList<>(arrivals);
        sorted.sort(null);
        int most = 0;
        int first = 0;
        // The busiest window can be taken to end at an arrival: for each, count the arrivals in (t - 1 s, t].
        for (int last = 0; last < sorted.size(); last++) {
            Instant start = sorted.get(last).minus(WINDOW);
            while (!sorted.get(first).isAfter(start)) {
                first++;
            }
            most = Math.max(most, last - first + 1);
        }
        return most;
    }
}
