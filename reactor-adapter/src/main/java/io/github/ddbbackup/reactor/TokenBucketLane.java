package io.github.ddbbackup.reactor;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Scheduler;

/**
 * The callers waiting for one bucket, in arrival order. Only the head takes a token; when none is there, one timer
 * is set for the moment it will be. Granting runs in a serialized drain loop (the usual work-in-progress counter):
 * whichever thread enters it grants everything that can be granted, including work added meanwhile by others, and
 * re-entrant calls (a granted caller asking again) only leave a note for the loop. Nothing locks or blocks.
 */
final class TokenBucketLane {

    private final RateLimitKey key;
    private final Bucket bucket;
    private final Scheduler scheduler;
    private final int maxWaiters;
    private final Queue<Waiter> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicInteger drainRequests = new AtomicInteger();
    private final AtomicBoolean wakeScheduled = new AtomicBoolean();

    TokenBucketLane(RateLimitKey key, Bucket bucket, Scheduler scheduler, int maxWaiters) {
        this.key = key;
        this.bucket = bucket;
        this.scheduler = scheduler;
        this.maxWaiters = maxWaiters;
    }

    Mono<Void> acquire() {
        return Mono.create(sink -> {
            if (waiting.incrementAndGet() > maxWaiters) {
                waiting.decrementAndGet();
                sink.error(new RateLimitQueueFullException(key, maxWaiters));
                return;
            }
            Waiter waiter = new Waiter(sink);
            sink.onCancel(waiter::cancel);
            queue.offer(waiter);
            drain();
        });
    }

    private void drain() {
        if (drainRequests.getAndIncrement() != 0) {
            return;
        }
        int requests = 1;
        do {
            grantWhileTokensLast();
            requests = drainRequests.addAndGet(-requests);
        } while (requests != 0);
    }

    private void grantWhileTokensLast() {
        for (Waiter head = queue.peek(); head != null; head = queue.peek()) {
            if (head.isDone()) {
                queue.remove(head);
                continue;
            }
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                wakeAfter(probe.getNanosToWaitForRefill());
                return;
            }
            // remove(head), not poll(): a cancellation on another thread may have removed it already.
            queue.remove(head);
            if (!head.grant()) {
                // Cancelled between the check and the grant: the token was never used, so it goes back.
                bucket.addTokens(1);
            }
        }
    }

    private void wakeAfter(long nanos) {
        if (!wakeScheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            scheduler.schedule(this::wake, nanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            wakeScheduled.set(false);
            for (Waiter waiter = queue.poll(); waiter != null; waiter = queue.poll()) {
                waiter.fail(new IllegalStateException("The rate limiter's scheduler refused a timer (disposed?):"
                        + " no " + key.operation() + " permit can be granted", e));
            }
        }
    }

    private void wake() {
        wakeScheduled.set(false);
        drain();
    }

    /** One caller; exactly one of grant, cancel or fail wins. */
    private final class Waiter extends AtomicBoolean {

        private final MonoSink<Void> sink;

        Waiter(MonoSink<Void> sink) {
            this.sink = sink;
        }

        boolean isDone() {
            return get();
        }

        boolean grant() {
            if (!finish()) {
                return false;
            }
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
