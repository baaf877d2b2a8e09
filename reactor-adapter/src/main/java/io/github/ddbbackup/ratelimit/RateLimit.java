package io.github.ddbbackup.ratelimit;

import io.github.ddbbackup.core.InvalidOptionException;

/**
 * The limit of one operation: at most {@code permitsPerSecond} calls may start in any 1-second window, and up to
 * {@code burst} of them may start at once after a quiet period.
 *
 * <h2>The arithmetic</h2>
 * A token bucket of capacity {@code B} refilled at {@code r} tokens per second lets at most {@code B + r*T} calls
 * start in a window of length {@code T}; for a half-open window {@code (t-T, t]} the exact bound is
 * {@code B - 1 + ceil(r*T)} (the token that would complete the last refill arrives just after the window closes).
 * So the burst is carved out of the stated ceiling {@code C = permitsPerSecond} rather than added to it: the refill
 * is {@code r = C - (B - 1)} per second, and any 1-second window then holds at most {@code ceil(C)} starts, exactly
 * {@code C} when {@code C} is whole. {@code burst = 1} (the default) keeps the long-run rate at the full {@code C};
 * {@code burst = 10} with {@code C = 50} lets 10 calls start at once but refills at 41 per second.
 * Hence the rule {@code 1 <= burst <= ceil(permitsPerSecond)}.
 *
 * <p>{@link RateLimits#jitterMargin()} stretches the 1-second window a little to absorb scheduling and network
 * jitter; see there.
 *
 * @param permitsPerSecond the ceiling of calls starting in any 1-second window; finite, at least one per day
 * @param burst            how many calls may start at once after a quiet period; {@code 1..ceil(permitsPerSecond)}
 */
public record RateLimit(double permitsPerSecond, int burst) {

    /** The smallest rate accepted: one call per day (slower rates would overflow the bucket's nanosecond clock). */
    public static final double MIN_PERMITS_PER_SECOND = 1.0 / 86_400;

    /** @throws InvalidOptionException when the rate or the burst breaks its rule above */
    public RateLimit {
        if (!(permitsPerSecond >= MIN_PERMITS_PER_SECOND) || Double.isInfinite(permitsPerSecond)) {
            throw new InvalidOptionException("RateLimit.permitsPerSecond", permitsPerSecond,
                    "finite and at least " + MIN_PERMITS_PER_SECOND + " (one call per day)");
        }
        if (burst < 1 || burst > Math.ceil(permitsPerSecond)) {
            throw new InvalidOptionException("RateLimit.burst", burst, "1.." + (long) Math.ceil(permitsPerSecond)
                    + ", that is 1..ceil(permitsPerSecond): the burst is carved out of the per-second ceiling, which"
                    + " must still leave a refill");
        }
    }

    /** At most {@code permitsPerSecond} calls starting in any 1-second window, evenly spaced, no burst. */
    public static RateLimit perSecond(double permitsPerSecond) {
        return new RateLimit(permitsPerSecond, 1);
    }

    /** The same ceiling with another burst; see the class comment for what a burst costs in long-run rate. */
    public RateLimit withBurst(int burst) {
        return new RateLimit(permitsPerSecond, burst);
    }

    /** The long-run rate that remains after the burst is carved out: {@code permitsPerSecond - (burst - 1)}. */
    public double refillPerSecond() {
        return permitsPerSecond - (burst - 1);
    }
}
