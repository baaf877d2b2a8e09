package io.github.ddbbackup.ratelimit.redis;

import java.time.Duration;
import java.util.Comparator;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * A {@link VirtualTimeScheduler} as the limiter's scheduler, knowing when the earliest of its pending timers is due:
 * a test can then move virtual time from one timer to the next and wait for Redis's answers only there, instead of at
 * every virtual millisecond (a real round trip per virtual millisecond is what a loaded machine made time out).
 * Published in this module's test-jar: examples' prune test moves its limiter's time the same way.
 */
public final class TimerWatchingScheduler implements Scheduler {

    private record Timer(long due, long sequence) {
    }

    private final VirtualTimeScheduler time;
    private final AtomicLong sequence = new AtomicLong();
    private final Object lock = new Object();
    private final Set<Timer> pending = new ConcurrentSkipListSet<>(
            Comparator.comparingLong(Timer::due).thenComparingLong(Timer::sequence));

    public TimerWatchingScheduler(VirtualTimeScheduler time) {
        this.time = time;
    }

    /** When the earliest timer not yet run nor cancelled is due, in virtual nanoseconds; empty when there is none. */
    public OptionalLong nextDue() {
        return pending.stream().mapToLong(Timer::due).findFirst();
    }

    /**
     * Moves virtual time on by {@code delay}, running what falls due. Never between a timer's registration here and
     * its scheduling on the virtual clock: moved then, the clock would date the timer later than {@link #nextDue}
     * says, and a test waiting for that due time would wait forever.
     */
    public void advanceTimeBy(Duration delay) {
        synchronized (lock) {
            time.advanceTimeBy(delay);
        }
    }

    /** Moves virtual time to the earliest pending timer and runs it; false when no timer is pending. */
    public boolean advanceToNextTimer() {
        synchronized (lock) {
            OptionalLong next = nextDue();
            if (next.isEmpty()) {
                return false;
            }
            time.advanceTimeBy(Duration.ofNanos(Math.max(0, next.getAsLong() - time.now(TimeUnit.NANOSECONDS))));
            return true;
        }
    }

    @Override
    public Disposable schedule(Runnable task) {
        return time.schedule(task);
    }

    @Override
    public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
        return watched(task, delay, unit, (run) -> time.schedule(run, delay, unit), null);
    }

    @Override
    public long now(TimeUnit unit) {
        return time.now(unit);
    }

    @Override
    public Worker createWorker() {
        Worker worker = time.createWorker();
        Set<Timer> own = ConcurrentHashMap.newKeySet();
        return new Worker() {
            @Override
            public Disposable schedule(Runnable task) {
                return worker.schedule(task);
            }

            @Override
            public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
                return watched(task, delay, unit, (run) -> worker.schedule(run, delay, unit), own);
            }

            @Override
            public void dispose() {
                worker.dispose();
                pending.removeAll(own);
            }

            @Override
            public boolean isDisposed() {
                return worker.isDisposed();
            }
        };
    }

    private Disposable watched(Runnable task, long delay, TimeUnit unit, Function<Runnable, Disposable> schedule,
                               Set<Timer> owner) {
        Timer timer;
        Disposable scheduled;
        synchronized (lock) {
            timer = new Timer(time.now(TimeUnit.NANOSECONDS) + unit.toNanos(delay), sequence.incrementAndGet());
            pending.add(timer);
            if (owner != null) {
                owner.add(timer);
            }
            try {
                scheduled = schedule.apply(() -> {
                    pending.remove(timer);
                    task.run();
                });
            } catch (RuntimeException refused) {
                pending.remove(timer);
                throw refused;
            }
        }
        return new Disposable() {
            @Override
            public void dispose() {
                pending.remove(timer);
                scheduled.dispose();
            }

            @Override
            public boolean isDisposed() {
                return scheduled.isDisposed();
            }
        };
    }
}
