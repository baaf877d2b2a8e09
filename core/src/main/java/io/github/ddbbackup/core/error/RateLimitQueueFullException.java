package io.github.ddbbackup.core.error;

/**
 * Too many callers are already waiting for a permit of the same budget: the caller is refused at once rather than
 * queued without bound. It is a local backpressure signal, nothing was sent; callers may retry later or shed load.
 * The bound is {@link RateLimits#maxWaiters()}.
 */
public final class RateLimitQueueFullException extends RuntimeException {

    private final RateLimitKey key;
    private final int maxWaiters;

    public RateLimitQueueFullException(RateLimitKey key, int maxWaiters) {
        super("Too many callers waiting for a " + key.operation() + " permit (endpoint " + key.endpoint()
                + ", region " + key.region() + "): the bound is " + maxWaiters
                + " waiters per budget (RateLimits.withMaxWaiters); refused without waiting");
        this.key = key;
        this.maxWaiters = maxWaiters;
    }

    /** The budget that was full. */
    public RateLimitKey key() {
        return key;
    }

    /** The bound on waiters that was reached. */
    public int maxWaiters() {
        return maxWaiters;
    }
}
