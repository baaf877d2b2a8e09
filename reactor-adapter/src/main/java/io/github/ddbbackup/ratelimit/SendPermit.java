package io.github.ddbbackup.ratelimit;

/**
 * A permit to send one request, which its holder reports back on: {@link #written} once the request has left in
 * full and {@link #answered} when an answer came back, or {@link #unsent} when it will never be sent (the attempt
 * failed or was cancelled before writing). A limiter that counts calls where the server does
 * ({@link TokenBucketRateLimiter}) counts each request until a second after its answer, since the server counted it
 * at some moment before answering, so that lags, however uneven, on either side, cannot put more calls into a second
 * at the server than the limit allows. Report each once; later reports are ignored. Every method returns at once, on
 * any thread.
 */
public interface SendPermit {

    /** The request was written in full: from now on only its answer can tell that it was not counted yet. */
    void written();

    /**
     * An answer to the request came back, whatever it said (an error response included): the server has counted the
     * request. Without it, a limiter counting at the wire holds the request's place until its longest wait
     * ({@link RateLimits#maxJitterMargin()}) and a second more.
     */
    void answered();

    /** No request will be sent under this permit. */
    void unsent();

    /** A permit for a limiter that does not track its permits: every report is ignored. */
    SendPermit UNTRACKED = new SendPermit() {
        @Override
        public void written() {
        }

        @Override
        public void answered() {
        }

        @Override
        public void unsent() {
        }
    };
}
