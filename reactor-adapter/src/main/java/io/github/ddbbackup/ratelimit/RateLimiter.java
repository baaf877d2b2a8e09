package io.github.ddbbackup.ratelimit;

import io.github.ddbbackup.core.error.RateLimitQueueFullException;
import io.github.ddbbackup.core.error.SharedRateLimiterUnavailableException;
import reactor.core.publisher.Mono;

/**
 * Grants permission to start one call of an operation. The client asks for a permit right before it sends each
 * attempt; implementations decide when to grant it: {@link TokenBucketRateLimiter} keeps buckets in this JVM, a
 * distributed implementation (for example a Redis-backed Bucket4j bucket) can share one budget across processes.
 *
 * <p>Contract for implementations:
 * <ul>
 *   <li>{@link #acquire} is cold: nothing is asked before subscription, and each subscription asks for one permit.</li>
 *   <li>Waiting is a scheduled delay, never a blocked thread; the returned {@code Mono} may complete on a timer
 *       thread of the implementation's scheduler.</li>
 *   <li>Cancelling the {@code Mono} before it completes gives the permit back, so nobody else waits for a call
 *       that will never start (as far as the backend allows).</li>
 *   <li>When the implementation cannot take another waiter it errors at once (for the local bucket
 *       {@link RateLimitQueueFullException}) instead of queueing without bound.</li>
 *   <li>An implementation that shares its budget and cannot reach it, and refuses rather than risk the limit,
 *       errors with a {@link SharedRateLimiterUnavailableException} (or a subclass naming where the budget lives),
 *       which callers catch without depending on the implementation. The client does not retry either error.</li>
 * </ul>
 */
@FunctionalInterface
public interface RateLimiter {

    /** Grants every permit at once: no limiting at all (tests against a local emulator, for example). */
    RateLimiter UNLIMITED = key -> Mono.empty();

    /**
     * A permit to start one call of {@code key.operation()} against the endpoint, region and access key of
     * {@code key}.
     *
     * @return a {@code Mono} that completes empty when the call may start, or errors when no permit can be had
     */
    Mono<Void> acquire(RateLimitKey key);

    /**
     * As {@link #acquire}, for a caller that reports what became of the request it sends under the permit
     * ({@link SendPermit}): the client asks this way. A limiter that counts calls when they reach the wire overrides
     * it ({@link TokenBucketRateLimiter} does); the default acquires and ignores the reports
     * ({@link SendPermit#UNTRACKED}). A decorator should pass it on to the limiter it wraps.
     */
    default Mono<SendPermit> permit(RateLimitKey key) {
        return acquire(key).thenReturn(SendPermit.UNTRACKED);
    }
}
