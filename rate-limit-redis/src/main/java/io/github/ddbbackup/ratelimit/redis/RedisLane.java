package io.github.ddbbackup.ratelimit.redis;

import io.github.bucket4j.BucketConfiguration;
import io.github.ddbbackup.ratelimit.RateLimitKey;
import io.github.ddbbackup.ratelimit.SendPermit;
import io.github.ddbbackup.ratelimit.WaitingLine;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * This JVM's callers waiting for one shared bucket, in a {@link WaitingLine}. The lane holds at most one pending
 * reservation in Redis at a time: when more callers wait than have a slot coming, it reserves the bucket's next slot
 * (the bucket goes into debt, so another instance's reservation gets the slot after it) and, at that slot, is free to
 * reserve the next one. The permit itself is granted a fixed slot delay after its slot (see
 * {@link RedisRateLimiterBuilder#slotDelay}) to whoever is first in line then. Reserving the next slot at the slot,
 * not at the delayed grant, keeps the lane at the bucket's pace: a lane that waited for the grant before reserving
 * again would lose the delay on every permit.
 *
 * <p>Why reserve rather than poll for a token: a bucket of capacity 1 polled when its token should be there loses the
 * refill between that moment and the poll's arrival (the timer's lateness plus a Redis round trip) on every permit, a
 * few percent of the rate; a reservation fixes the slot in Redis before it comes, so the pace is the bucket's own.
 *
 * <p>Cancellation: callers holding no slot cost nobody anything when cancelled. A reserved slot belongs to the lane,
 * not to a caller: its grant goes to whoever is first in line at its time, a caller arriving meanwhile included. Only
 * when nobody in this JVM waits any more does it lapse: it cannot be handed back to Redis, since a later reservation
 * of another instance may already count on the debt. That costs the other instances at most one slot per lapse. When
 * Redis fails, every waiter of the lane is failed with {@link RedisUnavailableException} at once, in order, for the
 * limiter's policy to handle.
 *
 * <p>At its slot, a permit also needs a place in the budget's wire log in Redis (a sorted set next to the bucket,
 * shared by every instance: the requests the server may still count in its 1-second window, as the local limiter
 * keeps them for one process, see {@code WireLog} there): the lane takes the place for the first permit due, in one
 * script, and grants it; when {@code ceiling} requests still count, it asks again when the first place frees. Permits
 * asked for with {@link #permit} report their requests ({@link SendPermit}): answered moves the request's end to a
 * second after the answer; never sent frees its place; a permit from {@link #acquire} counts from its grant. So a
 * request that several processes' lags bunch cannot push a window at the server over the limit, whichever process
 * sent it.
 *
 * <p>The lane is busy while a Redis call or a slot is pending; whoever makes it idle looks for work again, so a
 * waiter arriving meanwhile is never forgotten. Granting is one loop too ({@code granting}), so due permits go in
 * order. Nothing locks or blocks.
 */
final class RedisLane {

    private final RateLimitKey key;
    private final String name;
    private final BucketConfiguration configuration;
    private final long cost;
    private final RedisBuckets buckets;
    private final Scheduler scheduler;
    private final long slotDelayNanos;
    private final AtomicLong grants;
    private final WaitingLine line;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicInteger slotsComing = new AtomicInteger();
    private final String wireKey;
    private final int ceiling;
    private final Duration horizon;
    private final String instance;
    private final AtomicLong permitsIssued = new AtomicLong();
    /** Slots whose time has come and whose permit waits for a place in the wire log. */
    private final AtomicInteger due = new AtomicInteger();
    private final AtomicBoolean granting = new AtomicBoolean();
    /** The permit being handed to the first in line, for its {@link #permit} subscription to take. */
    private volatile @Nullable SendPermit handing;

    /**
     * @param ceiling    the most requests the server may count in any second ({@code ceil(permitsPerSecond)})
     * @param longestLag the longest a request is waited for before it counts as counted
     * @param instance   this limiter's name among the instances, for its requests' ids in the wire log
     */
    RedisLane(RateLimitKey key, String name, BucketConfiguration configuration, long cost, RedisBuckets buckets,
              Scheduler scheduler, int maxWaiters, Duration slotDelay, AtomicLong grants, int ceiling,
              Duration longestLag, String instance) {
        this.key = key;
        this.instance = instance;
        this.name = name;
        this.wireKey = name + ":wire";
        this.ceiling = ceiling;
        this.horizon = longestLag.plusSeconds(1);
        this.configuration = configuration;
        this.cost = cost;
        this.buckets = buckets;
        this.scheduler = scheduler;
        this.slotDelayNanos = slotDelay.toNanos();
        this.grants = grants;
        this.line = new WaitingLine(key, maxWaiters, this::drain);
    }

    /** A permit whose request nobody will report on: counted in the wire log from its grant, for a second. */
    Mono<Void> acquire() {
        return permit().doOnNext(permit -> ((WirePermit) permit).countedNow()).then();
    }

    /** A permit whose request's answer moves its end in the wire log (see the class comment). */
    Mono<SendPermit> permit() {
        return Mono.defer(() -> {
            AtomicReference<@Nullable SendPermit> handed = new AtomicReference<>();
            return line.join(() -> handed.set(handing)).then(Mono.fromSupplier(() -> Objects.requireNonNull(
                    handed.get(), "a permit is handed with every grant")));
        });
    }

    /** Fails every waiter, for instance when the limiter closes. */
    void failAll(Throwable error) {
        line.failAll(error);
    }

    private void drain() {
        while (busy.compareAndSet(false, true)) {
            if (needsSlot()) {
                askRedis();
                return;
            }
            busy.set(false);
            if (!needsSlot()) {
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
        buckets.reserve(name, configuration, cost).subscribe(this::reserved, this::failed);
    }

    /** More callers wait than have a slot coming (cancelled callers do not count). */
    private boolean needsSlot() {
        return line.hasWaiters() && line.size() > slotsComing.get();
    }

    private void reserved(long nanosToSlot) {
        slotsComing.incrementAndGet();
        try {
            long grantIn = nanosToSlot + slotDelayNanos;
            at(grantIn, this::grantAtSlot);
            at(nanosToSlot, this::idle);
        } catch (RejectedExecutionException e) {
            failAll(new IllegalStateException("The rate limiter's scheduler refused a timer (disposed?): no "
                    + key.operation() + " permit can be granted", e));
            slotsComing.set(0);
            busy.set(false);
        }
    }

    private void at(long nanosFromNow, Runnable task) {
        if (nanosFromNow <= 0) {
            task.run();
        } else {
            scheduler.schedule(task, nanosFromNow, TimeUnit.NANOSECONDS);
        }
    }

    private void grantAtSlot() {
        due.incrementAndGet();
        grantDue();
    }

    /** Grants the permits due, in order, each once the wire log has a place for it. */
    private void grantDue() {
        if (due.get() == 0 || !granting.compareAndSet(false, true)) {
            return;
        }
        String id = instance + ":" + permitsIssued.incrementAndGet();
        buckets.wireRoom(wireKey, ceiling, id, horizon).subscribe(wait -> {
            if (wait.isPresent()) {
                at(wait.get().toNanos(), this::grantDueAgain);
                return;
            }
            due.decrementAndGet();
            slotsComing.decrementAndGet();
            handing = new WirePermit(id);
            if (!line.grantNext(grants::incrementAndGet)) {
                buckets.wireUnsent(wireKey, id).subscribe(null, error -> { });
            }
            grantDueAgain();
            drain();
        }, error -> {
            slotsComing.addAndGet(-due.getAndSet(0));
            granting.set(false);
            failed(error);
        });
    }

    private void grantDueAgain() {
        granting.set(false);
        grantDue();
    }

    private void failed(Throwable error) {
        failAll(unavailable(buckets.failed(error), error));
        idle();
    }

    private void idle() {
        busy.set(false);
        drain();
    }

    /**
     * A permit's request in the wire log: its answer and its never being sent are told to Redis (a failure to tell
     * only keeps its place longer, until its horizon).
     */
    private final class WirePermit implements SendPermit {
        private final String id;
        private volatile boolean written;
        private final AtomicBoolean reported = new AtomicBoolean();

        WirePermit(String id) {
            this.id = id;
        }

        @Override
        public void written() {
            written = true;
        }

        @Override
        public void answered() {
            countedNow();
        }

        /** For a permit nobody reports on: counted from its grant. */
        void countedNow() {
            if (reported.compareAndSet(false, true)) {
                buckets.wireAnswered(wireKey, id).subscribe(null, error -> { });
            }
        }

        @Override
        public void unsent() {
            if (!written && reported.compareAndSet(false, true)) {
                buckets.wireUnsent(wireKey, id).subscribe(null, error -> { });
            }
        }
    }

    /** The error of this budget; its key is the first {@link RateLimitKey} that used it, shared by the fallback. */
    RedisUnavailableException unavailable(String reason, @Nullable Throwable cause) {
        return new RedisUnavailableException(key, buckets.location(), name, reason, cause);
    }
}
