package io.github.ddbbackup.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The requests of one budget that the server may still count in its current 1-second window, for
 * {@link TokenBucketLane}: each tracked permit ({@link SendPermit}) from its grant until one second after its answer
 * came back. The lane grants the next permit only while fewer than {@code ceiling} count ({@link #nanosUntilRoom}).
 *
 * <p>Why until the answer: the server counts a request somewhere between the moment it was written and the moment
 * its answer left, and nothing in the answer says when. Only the answer bounds it from this side, whatever delayed the
 * request on the way: this process (timers, connections, scheduling, a collector's pause) or the server (reading it
 * late on a busy machine, as an emulator sharing the client's cores does). A request not yet answered may still be
 * counted at any moment, so it counts as counted now.
 *
 * <p>Why this is exact: take any 1-second window at the server and the last of its calls to be permitted, at
 * {@code t}. Every other call of that window was permitted before {@code t} and counted after {@code t - 1 s}, so at
 * {@code t} it was either unanswered, or answered after {@code t - 1 s}: counted either way; so the window holds at
 * most {@code ceiling} calls, whatever the lags were. It costs the round trip each call actually has (a call's place
 * frees one second after its predecessor was answered), not a margin for the worst lag, and a process that starts
 * cold needs no history. A request neither answered nor reported unsent within {@code longestLag} of its grant (its
 * holder went away, or the server never answers) counts as answered then, so that a lost report holds one place for
 * about a second, not for ever.
 *
 * <p>Not thread-safe by itself: the lane calls {@link #granted} and {@link #nanosUntilRoom} from its serialized drain
 * loop only; the entries' reports come from any thread, into volatile fields.
 */
final class WireLog {

    private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long NOT_YET = Long.MAX_VALUE;

    private final int ceiling;
    private final long longestLagNanos;
    private final LongSupplier now;
    private final List<Entry> entries = new ArrayList<>();

    /** @param longestLag the longest a request is waited for before it counts as answered */
    WireLog(int ceiling, Duration longestLag, LongSupplier now) {
        this.ceiling = ceiling;
        this.longestLagNanos = longestLag.toNanos();
        this.now = now;
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
        entries.removeIf(entry -> entry.countsUntil(at) <= at);
        if (entries.size() < ceiling) {
            return 0;
        }
        // Whichever place frees first frees the room; an entry answered meanwhile only frees earlier, and the lane
        // looks again then at the latest.
        long earliest = Long.MAX_VALUE;
        for (Entry entry : entries) {
            earliest = Math.min(earliest, entry.countsUntil(at));
        }
        return Math.max(1, earliest - at);
    }

    /** One permit, as its holder reports it. */
    final class Entry implements SendPermit {

        private volatile long grantedAt;
        private volatile boolean written;
        private volatile long answeredAt = NOT_YET;
        private volatile boolean unsent;

        private Entry() {
        }

        @Override
        public void written() {
            written = true;
        }

        @Override
        public void answered() {
            if (answeredAt == NOT_YET) {
                answeredAt = now.getAsLong();
            }
        }

        @Override
        public void unsent() {
            if (!written && answeredAt == NOT_YET) {
                unsent = true;
            }
        }

        /** Until when the server may count this request, seen at {@code at} on the lane's clock. */
        private long countsUntil(long at) {
            if (unsent) {
                return Long.MIN_VALUE;
            }
            long answered = answeredAt;
            long countedBy = answered != NOT_YET ? answered : Math.min(at, grantedAt + longestLagNanos);
            return countedBy + WINDOW_NANOS;
        }
    }
}
