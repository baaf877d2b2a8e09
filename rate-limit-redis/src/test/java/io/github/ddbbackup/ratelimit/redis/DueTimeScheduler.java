package io.github.ddbbackup.ratelimit.redis;

import io.github.ddbbackup.reactor.VirtualClock;
import java.time.Clock;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

/**
 * A limiter's scheduler and clock that tell each task when it was due, on the limiter's clock: a timer's task runs
 * knowing the instant its delay was meant to end, and a task handed on from it to run at once (the permit's delivery,
 * {@code publishOn}) inherits that instant. A test reading {@link #dueNanos()} where a permit arrives thus learns when
 * the limiter granted it, not how late a busy machine ran the timer: the permit time the limiter controls.
 *
 * <p>The limiter computes a timer's delay from a reading of its clock just before it schedules the timer (the
 * reservation's slot minus "now"), so the timer is due at that reading plus the delay: the clock, {@link #clock()},
 * remembers each thread's latest reading. Measuring "now" again when the timer is scheduled would add whatever a
 * loaded machine spends between the two, which is not the limiter's doing.
 */
final class DueTimeScheduler implements Scheduler {

    private static final ThreadLocal<Long> DUE = new ThreadLocal<>();
    private static final ThreadLocal<Long> LAST_READ = new ThreadLocal<>();

    private final Scheduler delegate;
    private final Clock clock = new VirtualClock(Instant.EPOCH, () -> {
        long now = epochNanos(Clock.systemUTC().instant());
        LAST_READ.set(now);
        return now;
    });

    DueTimeScheduler(Scheduler delegate) {
        this.delegate = delegate;
    }

    /** The system's UTC clock, for the limiter's {@code clock}; see the class comment. */
    Clock clock() {
        return clock;
    }

    /**
     * When the task running on this thread was due, in nanoseconds since the epoch on the limiter's clock: its timer's
     * due time, inherited by the tasks handed on from it; empty on threads not running a task of this scheduler.
     */
    static OptionalLong dueNanos() {
        Long due = DUE.get();
        return due == null ? OptionalLong.empty() : OptionalLong.of(due);
    }

    @Override
    public Disposable schedule(Runnable task) {
        return delegate.schedule(carrying(task, dueNow()));
    }

    @Override
    public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
        return delegate.schedule(carrying(task, due(delay, unit)), delay, unit);
    }

    @Override
    public long now(TimeUnit unit) {
        return delegate.now(unit);
    }

    @Override
    public Worker createWorker() {
        Worker worker = delegate.createWorker();
        return new Worker() {
            @Override
            public Disposable schedule(Runnable task) {
                return worker.schedule(carrying(task, dueNow()));
            }

            @Override
            public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
                return worker.schedule(carrying(task, due(delay, unit)), delay, unit);
            }

            @Override
            public void dispose() {
                worker.dispose();
            }

            @Override
            public boolean isDisposed() {
                return worker.isDisposed();
            }
        };
    }

    /**
     * A task to run at once is due when the task handing it on was, or else now: a permit the limiter grants at once
     * (its Redis answer came after the permit's time) is granted when it hands the delivery on.
     */
    private long dueNow() {
        Long due = DUE.get();
        return due != null ? due : epochNanos(Clock.systemUTC().instant());
    }

    /** The thread's latest reading of {@link #clock()} (a fresh one if it has none) plus the delay. */
    private long due(long delay, TimeUnit unit) {
        Long read = LAST_READ.get();
        return (read != null ? read : epochNanos(clock.instant())) + unit.toNanos(delay);
    }

    private static long epochNanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }

    private static Runnable carrying(Runnable task, Long due) {
        return () -> {
            Long outer = DUE.get();
            DUE.set(due);
            try {
                task.run();
            } finally {
                DUE.set(outer);
            }
        };
    }
}
