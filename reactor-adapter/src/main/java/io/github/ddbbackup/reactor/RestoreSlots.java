package io.github.ddbbackup.reactor;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * DynamoDB's bound on restores in progress at once: "up to 50 concurrent restores (any type of restore) in a given
 * account". A restore takes a slot before its RestoreTableFromBackup is sent and holds it until its table is seen
 * ACTIVE (or the restore failed); the next restore waits for a slot, without a thread. Slots are per client, so the
 * bound holds for one client's restores; others in the same account share DynamoDB's own limit, which answers
 * LimitExceededException beyond it.
 */
final class RestoreSlots {

    /** DynamoDB's documented limit. */
    static final int DYNAMODB_LIMIT = 50;

    private final int capacity;
    private final Deque<MonoSink<Slot>> waiting = new ArrayDeque<>();
    private int taken;
    private int mostTaken;

    RestoreSlots(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: " + capacity + " violates at least 1");
        }
        this.capacity = capacity;
    }

    /** A taken slot; {@link #release()} gives it back, once however often it is called. */
    final class Slot {
        private final AtomicBoolean released = new AtomicBoolean();

        void release() {
            if (released.compareAndSet(false, true)) {
                giveBack();
            }
        }
    }

    /**
     * A slot, when one is free. Cancelled while waiting, the caller leaves the queue; a slot handed to a caller that
     * cancelled meanwhile is given back (Reactor discards it).
     */
    Mono<Slot> take() {
        return Mono.<Slot>create(sink -> {
            boolean now;
            synchronized (this) {
                now = taken < capacity;
                if (now) {
                    taken++;
                    mostTaken = Math.max(mostTaken, taken);
                } else {
                    waiting.add(sink);
                }
            }
            if (now) {
                sink.success(new Slot());
            } else {
                sink.onCancel(() -> {
                    synchronized (this) {
                        waiting.remove(sink);
                    }
                });
            }
        }).doOnDiscard(Slot.class, Slot::release);
    }

    private void giveBack() {
        MonoSink<Slot> next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                taken--;
                return;
            }
        }
        // The slot passes straight to the next waiter: the count stays.
        next.success(new Slot());
    }

    /** Slots taken now. */
    synchronized int taken() {
        return taken;
    }

    /** The most slots ever taken at once. */
    synchronized int mostTaken() {
        return mostTaken;
    }
}
