package io.github.ddbbackup.ratelimit.redis;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.ddbbackup.reactor.RateLimitKey;
import io.github.ddbbackup.reactor.RateLimitQueueFullException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Scheduler;

/**
 * This JVM's callers waiting for one shared bucket, in arrival order: the local lane's discipline with Redis behind
 * it. Only the head asks Redis, one call at a time; when Redis says no token is there yet, one timer is set for the
 * moment it will be. A waiter holds no token while it waits, so cancelling it costs nobody anything; a token taken
 * for a waiter cancelled meanwhile goes to the next waiter, or back to Redis. When Redis fails, every waiter of the
 * lane is failed with {@link RedisUnavailableException} at once (in order), for the limiter's policy to handle.
 *
 * <p>The lane is busy while a Redis call or a wake-up timer is pending; whoever makes it idle looks for work again,
 * so a waiter arriving meanwhile is never forgotten. Nothing locks or blocks.
 */
final class RedisLane {

    private final RateLimitKey key;
    private final String name;
    private final BucketConfiguration configuration;
    private final RedisBuckets buckets;
    private final Scheduler scheduler;
    private final int maxWaiters;
    private final AtomicLong grants;
    private final Queue<Waiter> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicBoolean busy = new AtomicBoolean();

    RedisLane(RateLimitKey key, String name, BucketConfiguration configuration, RedisBuckets buckets,
              Scheduler scheduler, int maxWaiters, AtomicLong grants) {
        this.key = key;
        this.name = name;
        this.configuration = configuration;
        this.buckets = buckets;
        this.scheduler = scheduler;
        this.maxWaiters = maxWaiters;
        this.grants = grants;
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

    /** Fails every waiter, for instance when the limiter closes. */
    void failAll(Throwable error) {
        for (Waiter waiter = queue.poll(); waiter != null; waiter = queue.poll()) {
            waiter.fail(error);
        }
    }

    private void drain() {
        while (busy.compareAndSet(false, true)) {
            if (liveHead() != null) {
                askRedis();
                return;
            }
            busy.set(false);
            if (liveHead() == null) {
                return;
            }
        }
    }

    private void askRedis() {
        if (!buckets.isAvailable()) {
            failAll(unavailable(buckets.resting(), null));
            idle();
            return;
        }
        buckets.tryConsume(name, configuration).subscribe(this::answered, this::failed);
    }

    private void answered(ConsumptionProbe probe) {
        if (!probe.isConsumed()) {
            wakeAfter(probe.getNanosToWaitForRefill());
            return;
        }
        if (grantNext()) {
            grants.incrementAndGet();
        } else {
            buckets.giveBack(name, configuration);
        }
        idle();
    }

    private void failed(Throwable error) {
        failAll(unavailable(buckets.failed(error), error));
        idle();
    }

    private void idle() {
        busy.set(false);
        drain();
    }

    /** Grants the first waiter still waiting: the head asked for, or, if it was cancelled meanwhile, the next. */
    private boolean grantNext() {
        for (Waiter waiter = queue.poll(); waiter != null; waiter = queue.poll()) {
            if (waiter.grant()) {
                return true;
            }
        }
        return false;
    }

    private Waiter liveHead() {
        for (Waiter head = queue.peek(); head != null; head = queue.peek()) {
            if (!head.isDone()) {
                return head;
            }
            queue.remove(head);
        }
        return null;
    }

    private void wakeAfter(long nanos) {
        try {
            scheduler.schedule(this::idle, nanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            failAll(new IllegalStateException("The rate limiter's scheduler refused a timer (disposed?): no "
                    + key.operation() + " permit can be granted", e));
            busy.set(false);
        }
    }

    /** The error of this budget; its key is the first {@link RateLimitKey} that used it, shared by the fallback. */
    RedisUnavailableException unavailable(String reason, Throwable cause) {
        return new RedisUnavailableException(key, buckets.location(), name, reason, cause);
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
