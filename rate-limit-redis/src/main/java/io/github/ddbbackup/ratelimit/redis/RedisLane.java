package io.github.ddbbackup.ratelimit.redis;

import io.github.bucket4j.BucketConfiguration;
import io.github.ddbbackup.reactor.RateLimitKey;
import io.github.ddbbackup.reactor.WaitingLine;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * This JVM's callers waiting for one shared bucket, in arrival order. The lane holds at most one reservation in
 * Redis at a time: when somebody waits, it reserves the bucket's next slot (the bucket goes into debt, so another
 * instance's reservation gets the slot after it), sets one timer for the slot, and at the slot grants the permit to
 * whoever is first in line then (a fixed slot delay later, see {@link RedisRateLimiterBuilder#slotDelay}). Only then
 * does it reserve again, for the next in line.
 *
 * <p>Why reserve rather than poll for a token: a bucket of capacity 1 polled when its token should be there loses the
 * refill between that moment and the poll's arrival (the timer's lateness plus a Redis round trip) on every permit, a
 * few percent of the rate; a reservation fixes the slot in Redis before it comes, so the pace is the bucket's own.
 *
 * <p>Cancellation: callers behind the first hold nothing, so cancelling them costs nobody anything and the rest move
 * up. The reservation belongs to the lane, not to a caller: if the first in line is cancelled, the slot goes to
 * whoever is first at its time, a caller arriving meanwhile included. Only when nobody in this JVM waits any more at
 * the slot does it lapse: it cannot be handed back to Redis, since a later reservation of another instance may already
 * count on the debt. That costs the other instances at most one slot per lapse. When Redis fails, every waiter of the
 * lane is failed with {@link RedisUnavailableException} at once, in order, for the limiter's policy to handle.
 *
 * <p>The lane is busy while a Redis call or a slot timer is pending; whoever makes it idle looks for work again, so a
 * waiter arriving meanwhile is never forgotten. Nothing locks or blocks.
 */
final class RedisLane {

    private final RateLimitKey key;
    private final String name;
    private final BucketConfiguration configuration;
    private final RedisBuckets buckets;
    private final Scheduler scheduler;
    private final long slotDelayNanos;
    private final AtomicLong grants;
    private final WaitingLine line;
    private final AtomicBoolean busy = new AtomicBoolean();

    RedisLane(RateLimitKey key, String name, BucketConfiguration configuration, RedisBuckets buckets,
              Scheduler scheduler, int maxWaiters, Duration slotDelay, AtomicLong grants) {
        this.key = key;
        this.name = name;
        this.configuration = configuration;
        this.buckets = buckets;
        this.scheduler = scheduler;
        this.slotDelayNanos = slotDelay.toNanos();
        this.grants = grants;
        this.line = new WaitingLine(key, maxWaiters, this::drain);
    }

    Mono<Void> acquire() {
        return line.join();
    }

    /** Fails every waiter, for instance when the limiter closes. */
    void failAll(Throwable error) {
        line.failAll(error);
    }

    private void drain() {
        while (busy.compareAndSet(false, true)) {
            if (line.hasWaiters()) {
                askRedis();
                return;
            }
            busy.set(false);
            if (!line.hasWaiters()) {
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
        buckets.reserve(name, configuration).subscribe(this::reserved, this::failed);
    }

    private void reserved(long nanosToSlot) {
        long delay = nanosToSlot + slotDelayNanos;
        if (delay <= 0) {
            grantAtSlot();
            return;
        }
        try {
            scheduler.schedule(this::grantAtSlot, delay, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            failAll(new IllegalStateException("The rate limiter's scheduler refused a timer (disposed?): no "
                    + key.operation() + " permit can be granted", e));
            busy.set(false);
        }
    }

    private void grantAtSlot() {
        if (line.grantNext()) {
            grants.incrementAndGet();
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

    /** The error of this budget; its key is the first {@link RateLimitKey} that used it, shared by the fallback. */
    RedisUnavailableException unavailable(String reason, Throwable cause) {
        return new RedisUnavailableException(key, buckets.location(), name, reason, cause);
    }
}
