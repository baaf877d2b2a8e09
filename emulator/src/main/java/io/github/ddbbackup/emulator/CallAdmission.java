package io.github.ddbbackup.emulator;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The rate limiter: admits a call of an operation when fewer calls than its limit were admitted in the window
 * {@code (t - 1 s, t]}, and records the outcome in the stats. Limiting and recording happen under one lock, with one
 * reading of the clock, so the stats see calls in the order and at the times the limiter did.
 */
final class CallAdmission {

    private final EmulatorRateLimits limits;
    private final EmulatorStats stats;
    private final Clock clock;
    private final Map<String, SlidingWindow> windows = new HashMap<>();

    CallAdmission(EmulatorRateLimits limits, EmulatorStats stats, Clock clock) {
        this.limits = limits;
        this.stats = stats;
        this.clock = clock;
    }

    /**
     * Admits a call of {@code operation} now.
     *
     * @return the instant of the call, which the operation uses as its time
     * @throws ServiceError LimitExceededException when the operation's window is full
     */
    synchronized Instant admit(String operation) {
        Instant now = clock.instant();
        OptionalInt limit = limits.limit(operation);
        if (limit.isPresent()) {
            SlidingWindow window = windows.computeIfAbsent(operation, name -> new SlidingWindow());
            if (window.countAt(now) >= limit.getAsInt()) {
                stats.recordLimitExceeded(operation);
                throw ServiceError.limitExceeded(operation, limit.getAsInt());
            }
            window.add(now);
        }
        stats.recordCall(operation, now);
        return now;
    }
}
