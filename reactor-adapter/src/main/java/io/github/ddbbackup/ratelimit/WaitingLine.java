package io.github.ddbbackup.ratelimit;

import io.github.ddbbackup.core.InvalidOptionException;
import io.github.ddbbackup.core.error.RateLimitQueueFullException;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * The callers waiting for permits of one budget, first come, first served, for {@link RateLimiter} implementations
 * (the local {@link TokenBucketRateLimiter} and the Redis-backed limiter share it). The line only keeps order; its
 * owner decides when a permit is there and calls {@link #grantNext}.
 *
 * <p>Each caller is a {@code Mono} subscription: it joins the line on subscription (or is refused at once with
 * {@link RateLimitQueueFullException} when {@code maxWaiters} already wait), completes when granted, and leaves the
 * line when cancelled, holding nothing, so the callers behind it move up. Exactly one of grant, cancellation and
 * failure wins for each caller, whatever threads they race on. Nothing locks or blocks.
 */
public final class WaitingLine {

    private final RateLimitKey key;
    private final int maxWaiters;
    private final Runnable onJoin;
    private final Queue<Waiter> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waiting = new AtomicInteger();

    /**
     * A line for the budget of {@code key}, holding at most {@code maxWaiters} callers; {@code onJoin} runs after
     * each caller joined (typically the owner's drain loop, to grant it if a permit is there).
     */
    public WaitingLine(RateLimitKey key, int maxWaiters, Runnable onJoin) {
        if (maxWaiters < 1) {
            throw new InvalidOptionException("WaitingLine.maxWaiters", maxWaiters, "at least 1");
        }
        this.key = Objects.requireNonNull(key, "key");
        this.maxWaiters = maxWaiters;
        this.onJoin = Objects.requireNonNull(onJoin, "onJoin");
    }

    /** A caller: joins the line when subscribed and completes empty when {@link #grantNext} reaches it. */
    public Mono<Void> join() {
        return join(() -> { });
    }

    /**
     * As {@link #join()}, running {@code onGrant} once this caller is sure to get its permit and before it hears of
     * it, on the granting thread (its owner's, so the owner may note the grant without racing itself).
     */
    public Mono<Void> join(Runnable onGrant) {
        return Mono.create(sink -> {
            if (waiting.incrementAndGet() > maxWaiters) {
                waiting.decrementAndGet();
                sink.error(new RateLimitQueueFullException(key.operation(), key.endpoint(), key.region(), maxWaiters));
                return;
            }
            Waiter waiter = new Waiter(sink, onGrant);
            sink.onCancel(waiter::cancel);
            queue.offer(waiter);
            onJoin.run();
        });
    }

    /** Whether somebody is still waiting (callers cancelled meanwhile do not count). */
    public boolean hasWaiters() {
        for (Waiter head = queue.peek(); head != null; head = queue.peek()) {
            if (!head.isDone()) {
                return true;
            }
            queue.remove(head);
        }
        return false;
    }

    /**
     * Grants a permit to the first caller still waiting. Returns false when nobody waits any more (the permit was
     * not used, and the owner may give it back to its budget).
     */
    public boolean grantNext() {
        return grantNext(() -> { });
    }

    /**
     * As {@link #grantNext()}, running {@code beforeDelivery} once the caller is sure to get the permit and before it
     * hears of it (a counter then never lags a permit its caller has seen).
     */
    public boolean grantNext(Runnable beforeDelivery) {
        for (Waiter waiter = queue.poll(); waiter != null; waiter = queue.poll()) {
            if (waiter.grant(beforeDelivery)) {
                return true;
            }
        }
        return false;
    }

    /** Fails every caller waiting now, in order (the budget cannot grant, or its owner closes). */
    public void failAll(Throwable error) {
        for (Waiter waiter = queue.poll(); waiter != null; waiter = queue.poll()) {
            waiter.fail(error);
        }
    }

    /** How many callers wait now. */
    public int size() {
        return waiting.get();
    }

    /** One caller; exactly one of grant, cancel or fail wins. */
    private final class Waiter extends AtomicBoolean {

        private final MonoSink<Void> sink;
        private final Runnable onGrant;

        Waiter(MonoSink<Void> sink, Runnable onGrant) {
            this.sink = sink;
            this.onGrant = onGrant;
        }

        boolean isDone() {
            return get();
        }

        boolean grant(Runnable beforeDelivery) {
            if (!finish()) {
                return false;
            }
            beforeDelivery.run();
            onGrant.run();
            sink.success();
            return true;
        }

        void cancel() {
            if (finish()) {
                queue.remove(this);
            }
        }

        void fail(Throwable error) {
            if (finish()) {
                sink.error(error);
            }
        }

        private boolean finish() {
            if (!compareAndSet(false, true)) {
                return false;
            }
            waiting.decrementAndGet();
            return true;
        }
    }
}
