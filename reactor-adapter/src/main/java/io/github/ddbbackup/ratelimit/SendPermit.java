package io.github.ddbbackup.ratelimit;

import java.time.Duration;

/**
 * A permit to send one request, which its holder reports back on: {@link #written} once the request has left in
 * full and {@link #answered} when an answer came, or {@link #unsent} when it never will be sent (the attempt failed
 * or was cancelled before writing). A limiter that
 * counts its calls when they reach the wire rather than when they were permitted ({@link TokenBucketRateLimiter})
 * holds its next permits back while earlier requests are late, so that lags, however uneven, cannot bunch more calls
 * into a second at the server than the limit allows. Report exactly once; later reports are ignored. Both methods
 * return at once, on any thread.
 */
public interface SendPermit {

    /** The request was written in full, {@code lag} after the permit was granted (on the client's clock). */
    void written(Duration lag);

    /**
     * An answer to the request came back (whatever it said): the server has seen it. Optional; a limiter that knows
     * when each request arrived at the latest may count it for less long.
     */
    default void answered() {
    }

    /** No request will be sent under this permit. */
    void unsent();

    /**
     * A permit for a limiter that does not track its permits: {@link #written} passes the lag on to
     * {@link RateLimiter#wireLag}, {@link #unsent} does nothing.
     */
    static SendPermit untracked(RateLimiter limiter, RateLimitKey key) {
        return new SendPermit() {
            @Override
            public void written(Duration lag) {
                limiter.wireLag(key, lag);
            }

            @Override
            public void unsent() {
            }
        };
    }
}
