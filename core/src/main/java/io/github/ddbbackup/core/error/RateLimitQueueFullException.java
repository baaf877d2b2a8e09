package io.github.ddbbackup.core.error;

/**
 * Too many callers are already waiting for a permit of the same budget: the caller is refused at once rather than
 * queued without bound. It is a local backpressure signal, nothing was sent; callers may retry later or shed load.
 * The bound is {@code RateLimits.maxWaiters()}. Not retried by the client.
 */
public final class RateLimitQueueFullException extends ClientSideException {

    private final String operation;
    private final int maxWaiters;

    /**
     * @param operation  the operation whose budget was full, e.g. {@code CreateBackup}
     * @param endpoint   the endpoint the budget is kept for
     * @param region     the region the budget is kept for
     * @param maxWaiters the bound on waiters that was reached
     */
    public RateLimitQueueFullException(String operation, String endpoint, String region, int maxWaiters) {
        super("Too many callers waiting for a " + operation + " permit (endpoint " + endpoint + ", region " + region
                + "): the bound is " + maxWaiters
                + " waiters per budget (RateLimits.withMaxWaiters); refused without waiting", false, null);
        this.operation = operation;
        this.maxWaiters = maxWaiters;
    }

    /** The operation whose budget was full, e.g. {@code CreateBackup}. */
    public String operation() {
        return operation;
    }

    /** The bound on waiters that was reached. */
    public int maxWaiters() {
        return maxWaiters;
    }
}
