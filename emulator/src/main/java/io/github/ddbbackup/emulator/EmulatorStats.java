package io.github.ddbbackup.emulator;

import io.github.ddbbackup.core.BackupDetails;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the emulator observed, for assertions in tests. Thread-safe; each method returns a snapshot.
 *
 * <p>Terms: a <em>request</em> is anything received. A <em>call</em> of an operation is a request that passed
 * authentication, named a known operation, got no fault answering in its place, and was admitted by the rate
 * limiter: the operation started (whatever it then answered, a ValidationException included). A request refused by
 * the rate limiter counts in {@link #limitExceededCount}, not as a call. Calls are what the rate limits and
 * {@link #maxCallsInAnyWindow} count.
 */
public final class EmulatorStats {

    /** How many requests {@link #requests()} keeps by default (the oldest are dropped first; counts stay exact). */
    public static final int DEFAULT_REQUEST_LOG_CAPACITY = 10_000;

    private final int requestLogCapacity;
    private final EmulatorState state;
    private final Clock clock;

    private final ArrayDeque<ReceivedRequest> requestLog = new ArrayDeque<>();
    private final Map<String, Long> requestCounts = new HashMap<>();
    private final Map<String, Long> callCounts = new HashMap<>();
    private final Map<String, Long> limitExceededCounts = new HashMap<>();
    private final Map<String, SlidingWindow> windows = new HashMap<>();
    private final Map<String, Integer> maxInWindow = new HashMap<>();
    private final Map<String, SlidingWindow> arrivalWindows = new HashMap<>();
    private final Map<String, Integer> maxArrivalsInWindow = new HashMap<>();

    EmulatorStats(int requestLogCapacity, EmulatorState state, Clock clock) {
        this.requestLogCapacity = requestLogCapacity;
        this.state = state;
        this.clock = clock;
    }

    synchronized void recordRequest(ReceivedRequest request) {
        requestCounts.merge(request.operation(), 1L, Long::sum);
        SlidingWindow arrivals = arrivalWindows.computeIfAbsent(request.operation(), name -> new SlidingWindow());
        arrivals.add(request.receivedAt());
        maxArrivalsInWindow.merge(request.operation(), arrivals.countAt(request.receivedAt()), Math::max);
        if (requestLogCapacity == 0) {
            return;
        }
        if (requestLog.size() == requestLogCapacity) {
            requestLog.pollFirst();
        }
        requestLog.addLast(request);
    }

    synchronized void recordCall(String operation, Instant at) {
        callCounts.merge(operation, 1L, Long::sum);
        SlidingWindow window = windows.computeIfAbsent(operation, name -> new SlidingWindow());
        window.add(at);
        maxInWindow.merge(operation, window.countAt(at), Math::max);
    }

    synchronized void recordLimitExceeded(String operation) {
        limitExceededCounts.merge(operation, 1L, Long::sum);
    }

    /** The most recent requests (up to the log capacity), oldest first. */
    public synchronized List<ReceivedRequest> requests() {
        return List.copyOf(requestLog);
    }

    /** The most recent requests naming {@code operation}, oldest first. */
    public synchronized List<ReceivedRequest> requests(String operation) {
        return requestLog.stream().filter(request -> request.operation().equals(operation)).toList();
    }

    /** How many requests named {@code operation} (whatever happened to them). */
    public synchronized long requestCount(String operation) {
        return requestCounts.getOrDefault(operation, 0L);
    }

    /** How many calls of {@code operation} started the operation (see the class comment). */
    public synchronized long callCount(String operation) {
        return callCounts.getOrDefault(operation, 0L);
    }

    /** How many requests naming {@code operation} the rate limiter refused with LimitExceededException. */
    public synchronized long limitExceededCount(String operation) {
        return limitExceededCounts.getOrDefault(operation, 0L);
    }

    /** The most calls of {@code operation} in any 1-second window {@code (t - 1 s, t]}. */
    public synchronized int maxCallsInAnyWindow(String operation) {
        return maxInWindow.getOrDefault(operation, 0);
    }

    /**
     * The most requests naming {@code operation} received in any 1-second window {@code (t - 1 s, t]}, whatever
     * happened to them (refused ones included): how evenly a client's calls reach the server, which is what its
     * pacing is judged by. Counted as they arrive, so not limited by the request log's capacity.
     */
    public synchronized int maxRequestsInAnyWindow(String operation) {
        return maxArrivalsInWindow.getOrDefault(operation, 0);
    }

    /**
     * Every backup that exists now (deleted ones excluded), by source table name in name order, each table's in
     * creation order: two entries of the same name under one table show a duplicate.
     */
    public Map<String, List<BackupDetails>> backupsByTable() {
        return state.backupsByTable(clock.instant());
    }

    /** How many backups of {@code tableName} exist now. */
    public int backupCount(String tableName) {
        return backupsByTable().getOrDefault(tableName, List.of()).size();
    }

    /** Forgets requests, counts and windows (not tables or backups, which are the emulator's state). */
    public synchronized void reset() {
        requestLog.clear();
        requestCounts.clear();
        callCounts.clear();
        limitExceededCounts.clear();
        windows.clear();
        maxInWindow.clear();
        arrivalWindows.clear();
        maxArrivalsInWindow.clear();
    }
}
