package io.github.ddbbackup.benchmarks;

import io.github.ddbbackup.emulator.EmulatorStats;
import io.github.ddbbackup.emulator.ReceivedRequest;
import java.util.List;
import java.util.Locale;

/**
 * What the emulator saw of one operation during one job: requests (every HTTP attempt), calls it admitted,
 * LimitExceededException answers, and the most requests that arrived in any 1-second window (refused ones included,
 * {@link ArrivalWindows}).
 *
 * @param logged how many of the requests the emulator's request log still held when counted; the window count is
 *               exact only when it holds them all ({@link #windowExact()})
 */
record OperationCounts(String operation, long requests, long calls, long limitExceeded, int mostArrivalsInAnyWindow,
                       int mostCallsInAnyWindow, long logged) {

    static OperationCounts of(EmulatorStats stats, String operation) {
        List<ReceivedRequest> log = stats.requests(operation);
        return new OperationCounts(operation, stats.requestCount(operation), stats.callCount(operation),
                stats.limitExceededCount(operation),
                ArrivalWindows.mostInAnyWindow(log.stream().map(ReceivedRequest::receivedAt).toList()),
                stats.maxCallsInAnyWindow(operation), log.size());
    }

    boolean windowExact() {
        return logged == requests;
    }

    /** E.g. {@code CreateBackup 1,000 requests (1,000 admitted, 0 LimitExceeded), most arrivals in any 1 s 50}. */
    String describe() {
        return String.format(Locale.ROOT, "%s %,d requests (%,d admitted, %,d LimitExceeded), most arrivals in any 1 s"
                        + " %d%s", operation, requests, calls, limitExceeded, mostArrivalsInAnyWindow,
                windowExact() ? "" : " (of the last " + logged + " logged only)");
    }
}
