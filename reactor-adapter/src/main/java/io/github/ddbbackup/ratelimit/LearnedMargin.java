package io.github.ddbbackup.ratelimit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The jitter margin a limiter keeps, learned from what it measures in this process (see {@link RateLimits} for why a
 * margin is needed): {@link RateLimits#jitterMargin()}, for what this process cannot see (the network, the server's
 * own reading), plus the spread (longest minus shortest) of the recent permit-to-wire lags the client reported, plus
 * the longest recent lateness of the limiter's own timers; never more than {@link RateLimits#maxJitterMargin()}.
 *
 * <p>Why the spread: with permits {@code T} apart and lags {@code l_i}, calls {@code i} and {@code i+C} reach the
 * server {@code C*T + l_(i+C) - l_i} apart, which stays at least 1 second when {@code C*T >= 1 s + (l_i - l_(i+C))}:
 * a lag every call pays alike costs nothing, only how much it varies does. Timer lateness is measured by the limiter
 * (the client sees the permit only when the late timer delivers it) and added whole, an upper bound of its spread:
 * a late permit whose request is also slow to leave is late by both.
 *
 * <p>"Recent" is the last {@value #SAMPLES} samples of each kind (five seconds of CreateBackup calls at 50 per
 * second): the margin grows on the first longer lag, and shrinks again once the slow samples have been replaced. Why
 * that long rather than the one second of calls a slow one can bunch with: on a busy machine stalls come back every
 * few seconds, and a margin that had forgotten the last one let the next one bunch 51 to 53 calls into one second
 * (BENCHMARKS.md, "Pacing on a busy machine"). Lock-free: any thread may report, any thread may read.
 */
public final class LearnedMargin {

    /** How many recent samples of each kind the margin is learned from. */
    public static final int SAMPLES = 250;

    private final long leastNanos;
    private final long mostNanos;
    private final Samples lags = new Samples();
    private final Samples lateness = new Samples();

    private LearnedMargin(long leastNanos, long mostNanos) {
        this.leastNanos = leastNanos;
        this.mostNanos = mostNanos;
    }

    /** A margin learned between {@code limits.jitterMargin()} and {@code limits.maxJitterMargin()}. */
    public static LearnedMargin of(RateLimits limits) {
        return new LearnedMargin(limits.jitterMargin().toNanos(), limits.maxJitterMargin().toNanos());
    }

    /** Records how long after its permit one call's request was written in full; negative values count as 0. */
    public void wireLag(long nanos) {
        lags.add(Math.max(0, nanos));
    }

    /** Records how late one of the limiter's timers ran after the moment it was set for. */
    public void timerLateness(long nanos) {
        lateness.add(Math.max(0, nanos));
    }

    /** The margin now, in nanoseconds: see the class comment. */
    public long nanos() {
        return Math.min(mostNanos, leastNanos + lags.spread() + lateness.longest());
    }

    /** The margin now. */
    public Duration margin() {
        return Duration.ofNanos(nanos());
    }

    @Override
    public String toString() {
        return "LearnedMargin[" + margin() + " in " + Duration.ofNanos(leastNanos) + ".." + Duration.ofNanos(mostNanos)
                + "]";
    }

    /** The last {@link #SAMPLES} values of one kind, in a ring. */
    private static final class Samples {
        private final AtomicLongArray values = new AtomicLongArray(SAMPLES);
        private final AtomicLong added = new AtomicLong();

        void add(long value) {
            long index = added.getAndIncrement();
            values.set((int) (index % SAMPLES), value);
        }

        long spread() {
            int filled = filled();
            if (filled == 0) {
                return 0;
            }
            long least = Long.MAX_VALUE;
            long most = 0;
            for (int i = 0; i < filled; i++) {
                long value = values.get(i);
                least = Math.min(least, value);
                most = Math.max(most, value);
            }
            return most - least;
        }

        long longest() {
            long most = 0;
            for (int i = 0, filled = filled(); i < filled; i++) {
                most = Math.max(most, values.get(i));
            }
            return most;
        }

        private int filled() {
            return (int) Math.min(SAMPLES, added.get());
        }
    }
}
