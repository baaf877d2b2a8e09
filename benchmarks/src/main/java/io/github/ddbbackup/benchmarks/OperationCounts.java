package io.github.ddbbackup.benchmarks;

import io.github.ddbbackup.emulator.EmulatorStats;
import java.util.Locale;

/**
 * What the emulator saw of one operation during one job: requests (every HTTP attempt), calls it admitted,
 * LimitExceededException answers, and the most requests and the most admitted calls in any 1-second window
 * {@code (t - 1 s, t]}. The admitted calls are capped by the emulator's limit; the requests, refused ones included,
 * show how evenly a client's pacing delivers its calls.
 */
record OperationCounts(String operation, long requests, long calls, long limitExceeded, int mostArrivalsInAnyWindow,
                       int mostCallsInAnyWindow) {

    static OperationCounts of(EmulatorStats stats, String operation) {
        return new OperationCounts(operation, stats.requestCount(operation), stats.callCount(operation),
                stats.limitExceededCount(operation), stats.maxRequestsInAnyWindow(operation),
                stats.maxCallsInAnyWindow(operation));
    }

    /** E.g. {@code CreateBackup 1,000 requests (1,000 admitted, 0 LimitExceeded), most arrivals in any 1 s 50}. */
    String describe() {
        return String.format(Locale.ROOT, "%s %,d requests (%,d admitted, %,d LimitExceeded), most arrivals in any 1 s"
                + " %d", operation, requests, calls, limitExceeded, mostArrivalsInAnyWindow);
    }
}
