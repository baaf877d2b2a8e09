package io.github.ddbbackup.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * The requests of one budget that the server may still count in its current 1-second window, for
 * {@link TokenBucketLane}: each tracked permit ({@link SendPermit}) from its grant until one second after the latest
 * moment its request can have been counted by the server. The lane grants the next permit only while fewer than
 * {@code ceiling} count ({@link #nanosUntilRoom}).
 *
 * <p>That latest moment: a request not yet answered may still be counted at any time, so it counts as counted now.
 * One answered at {@code r} was counted before {@code r}, and earlier than that by what every answer takes after the
 * server has counted its request (processing it, the way back): at least the fastest recent round trip (from written
 * to answered) less the margin, which stands for the way there ({@link RateLimits#jitterMargin()} plus the longest
 * recent lateness of the lane's timers). So a request is counted until one second after {@code r - max(0, fastest -
 * margin)}: on a server that answers at once, its answer; on one that takes long over every call, shortly after it
 * was written.
 *
 * <p>Why this is exact: take any 1-second window at the server and the last of its calls to be permitted, at
 * {@code t}. Every other call of that window was permitted before {@code t} and counted after {@code t - 1 s}, so at
 * {@code t} it was either unanswered, or its latest moment was after {@code t - 1 s}: counted either way; so the
 * window holds at most {@code ceiling} calls, whatever the lags were, on the client or at the server. It costs only
 * the lag each call actually has (a call's place frees one second after its predecessor was counted, not after its
 * permit), and a process that starts cold needs no history. A request not answered within {@code longestLag} of being
 * written, or not reported within it of its grant (its holder went away), counts as counted then, so that a lost report
 * holds one place for about a second, not for ever.
 *
 * <p>Not thread-safe by itself: the lane calls {@link #granted} and {@link #nanosUntilRoom} from its serialized drain
 * loop only; the entries' reports come from any thread, into volatile fields.
 */
final class WireLog {

    /** How many recent round trips the fastest is taken from. */
    static final int ROUND_TRIPS = 64;

    private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long NOT_YET = Long.MAX_VALUE;

    private final int ceiling;
    private final long longestLagNanos;
    private final LongSupplier now;
    private final LongSupplier marginNanos;
    private final List<Entry> entries = new ArrayList<>();
    private final AtomicLongArray roundTrips = new AtomicLongArray(ROUND_TRIPS);
    private final AtomicLong roundTripsSeen = new AtomicLong();

    /**
     * @param longestLag  the longest a request is waited for, written or answered, before it counts as counted
     * @param marginNanos how long a written request may take to reach the server, read at each check
     */
    WireLog(int ceiling, Duration longestLag, LongSupplier now, LongSupplier marginNanos) {
        this.ceiling = ceiling;
        this.longestLagNanos = longestLag.toNanos();
        this.now = now;
        this.marginNanos = marginNanos;
    }

    /** A permit to be handed to a caller; it counts from {@link #granted}. */
    Entry newEntry() {
        return new Entry();
    }

    /** Counts {@code entry} from now on, as a request that may arrive at any moment. */
    void granted(Entry entry) {
        entry.grantedAt = now.getAsLong();
        entries.add(entry);
    }

    /** How long from now until fewer than {@code ceiling} requests count; 0 when there is room now. */
    long nanosUntilRoom() {
        long at = now.getAsLong();
        long afterCounted = Math.max(0, fastestRoundTrip() - marginNanos.getAsLong());
        entries.removeIf(entry -> entry.countsUntil(at, afterCounted) <= at);
        if (entries.size() < ceiling) {
            return 0;
        }
        // Whichever place frees first frees the room; an entry answered meanwhile only frees earlier, and the lane
        // looks again then at the latest.
        long earliest = Long.MAX_VALUE;
        for (Entry entry : entries) {
            earliest = Math.min(earliest, entry.countsUntil(at, afterCounted));
        }
        return Math.max(1, earliest - at);
    }

    /** The fastest of the recent round trips from written to answered; 0 before any. */
    private long fastestRoundTrip() {
        int seen = (int) Math.min(ROUND_TRIPS, roundTripsSeen.get());
        if (seen == 0) {
            return 0;
        }
        long fastest = Long.MAX_VALUE;
        for (int i = 0; i < seen; i++) {
            fastest = Math.min(fastest, roundTrips.get(i));
        }
        return fastest;
    }

    private void roundTrip(long nanos) {
        roundTrips.set((int) (roundTripsSeen.getAndIncrement() % ROUND_TRIPS), Math.max(0, nanos));
    }

    /** One permit, as its holder reports it. */
    final class Entry implements SendPermit {

        private volatile long grantedAt;
        private volatile long writtenAt = NOT_YET;
        private volatile long answeredAt = NOT_YET;
        private volatile boolean unsent;

        private Entry() {
        }

        @Override
        public void written(Duration lag) {
            if (writtenAt == NOT_YET) {
                writtenAt = now.getAsLong();
            }
        }

        @Override
        public void answered() {
            if (answeredAt == NOT_YET) {
                long at = now.getAsLong();
                answeredAt = at;
                long written = writtenAt;
                if (written != NOT_YET) {
                    roundTrip(at - written);
                }
            }
        }

        @Override
        public void unsent() {
            if (writtenAt == NOT_YET && answeredAt == NOT_YET) {
                unsent = true;
            }
        }

        /**
         * Until when the server may count this request in its window, seen at {@code at}, when every answer takes at
         * least {@code afterCounted} after its request was counted.
         */
        private long countsUntil(long at, long afterCounted) {
            if (unsent) {
                return Long.MIN_VALUE;
            }
            long written = writtenAt;
            long sentBy = written != NOT_YET ? written : grantedAt;
            long answered = answeredAt;
            long countedBy = answered != NOT_YET
                    ? Math.max(sentBy, answered - afterCounted)
                    : Math.min(at, sentBy + longestLagNanos);
            return countedBy + WINDOW_NANOS;
        }
    }
}
