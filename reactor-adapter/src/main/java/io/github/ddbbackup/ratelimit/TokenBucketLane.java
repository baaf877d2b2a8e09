package io.github.ddbbackup.ratelimit;

import io.github.bucket4j.Bucket;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The callers waiting for one local bucket, in a {@link WaitingLine}. While somebody waits, the lane reserves the
 * bucket's next permit (its cost: {@link BucketShape}) for whoever is first in line ({@link Bucket#consumeIgnoringRateLimits}: the bucket goes into
 * debt until the token's moment, the slot), sets one timer for the slot and grants the permit there; then it
 * reserves again for the next in line.
 *
 * <p>Why reserve rather than poll for a token when the timer fires: a bucket of capacity 1 is full from the token's
 * moment until the late timer polls it, and refills nothing meanwhile, so every permit would lose the timer's
 * lateness (a fraction of a millisecond to several on a busy machine). A reservation fixes the slot in the bucket
 * before it comes, so the pace is the bucket's own.
 *
 * <p>The reserved token belongs to the lane, not to a caller: if the first in line is cancelled, the slot goes to
 * whoever is first at its time, a caller arriving meanwhile included, which is when that caller would have got the
 * token anyway. If nobody waits at the slot, the token goes back to the bucket, which is then exactly as if it had
 * never been reserved.
 *
 * <p>The bucket spaces the permits evenly; the {@link WireLog} makes the count exact where the server counts, at the
 * wire: when a slot comes while {@code ceiling} requests of the last window are still unwritten or written less than a
 * window ago, the lane keeps the reservation and sets its timer again for the moment one of them leaves the window.
 *
 * <p>Reserving runs in a serialized drain loop (the usual work-in-progress counter): whichever thread enters it
 * grants what is free, including work added meanwhile by others, and re-entrant calls (a granted caller asking
 * again) only leave a note for the loop. The slot's timer runs while a reservation is held, which keeps the loop
 * out, so the wire log is only ever touched by one of them at a time.
 */
final class TokenBucketLane {

    private final RateLimitKey key;
    private final Bucket bucket;
    private final long cost;
    private final WireLog wire;
    private final Scheduler scheduler;
    private final WaitingLine line;
    private final AtomicInteger drainRequests = new AtomicInteger();
    private volatile boolean slotReserved;
    /** What the reservation in hand cost, to be given back whole if nobody takes it. */
    private volatile long reservedCost;

    TokenBucketLane(RateLimitKey key, Bucket bucket, long cost, WireLog wire, Scheduler scheduler, int maxWaiters) {
        this.key = key;
        this.bucket = bucket;
        this.cost = cost;
        this.wire = wire;
        this.scheduler = scheduler;
        this.line = new WaitingLine(key, maxWaiters, this::drain);
    }

    Mono<Void> acquire() {
        return line.join();
    }

    /** A permit counted in the wire log from its grant until its request has been written for a window. */
    Mono<SendPermit> permit() {
        return Mono.defer(() -> {
            WireLog.Entry entry = wire.newEntry();
            return line.join(() -> wire.granted(entry)).thenReturn(entry);
        });
    }

    private void drain() {
        if (drainRequests.getAndIncrement() != 0) {
            return;
        }
        int requests = 1;
        do {
            reserveWhileSomebodyWaits();
            requests = drainRequests.addAndGet(-requests);
        } while (requests != 0);
    }

    private void reserveWhileSomebodyWaits() {
        while (!slotReserved && line.hasWaiters()) {
            reservedCost = cost;
            long nanosToSlot = bucket.consumeIgnoringRateLimits(reservedCost);
            if (nanosToSlot <= 0) {
                nanosToSlot = wire.nanosUntilRoom();
            }
            if (nanosToSlot > 0) {
                slotReserved = true;
                grantAt(nanosToSlot);
                return;
            }
            grantOrGiveBack();
        }
    }

    private void grantAt(long nanosToSlot) {
        try {
            scheduler.schedule(this::slot, nanosToSlot, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            line.failAll(new IllegalStateException("The rate limiter's scheduler refused a timer (disposed?):"
                    + " no " + key.operation() + " permit can be granted", e));
            bucket.addTokens(reservedCost);
            slotReserved = false;
        }
    }

    private void slot() {
        long nanosToRoom = wire.nanosUntilRoom();
        if (nanosToRoom > 0) {
            grantAt(nanosToRoom);
            return;
        }
        grantOrGiveBack();
        slotReserved = false;
        drain();
    }

    private void grantOrGiveBack() {
        if (!line.grantNext()) {
            bucket.addTokens(reservedCost);
        }
    }
}
