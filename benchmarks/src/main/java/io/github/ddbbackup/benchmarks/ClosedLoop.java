package io.github.ddbbackup.benchmarks;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Keeps {@code concurrency} CreateBackup calls in flight until {@code calls} have completed: each completion starts
 * the next call from the completing thread, so the load adapts to each client's own speed and no harness thread
 * sits between them. Latency is measured per call, from the moment it is started to its completion callback.
 */
final class ClosedLoop {

    /** What one run of calls observed. */
    record Outcome(int calls, int failures, Histogram latencyMicros, long wallNanos,
                   Map<String, Integer> failureKinds) {
    }

    private final Contender contender;
    private final Workload workload;
    /** Latencies above this are recorded as this; the range is fixed so that recording never resizes. */
    static final long MAX_LATENCY_MICROS = Duration.ofHours(1).toNanos() / 1000;

    /**
     * Fixed range: a resizing recorder takes a lock to grow, on whatever thread records, and that is the client's
     * event loop (BlockHound caught it).
     */
    private final Recorder latency = new Recorder(1, MAX_LATENCY_MICROS, 3);
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger outstanding;
    private final AtomicLong lastCompletion = new AtomicLong();
    private final ConcurrentHashMap<String, Integer> failureKinds = new ConcurrentHashMap<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final int calls;

    private ClosedLoop(Contender contender, Workload workload, int calls) {
        this.contender = contender;
        this.workload = workload;
        this.calls = calls;
        this.outstanding = new AtomicInteger(calls);
    }

    /**
     * Runs {@code calls} calls, {@code concurrency} at a time, and waits (this is the harness's main thread) at most
     * {@code timeout} for them.
     *
     * @throws IllegalStateException when the calls did not all complete in time
     */
    static Outcome run(Contender contender, Workload workload, int calls, int concurrency, Duration timeout)
            throws InterruptedException {
        ClosedLoop loop = new ClosedLoop(contender, workload, calls);
        long start = System.nanoTime();
        for (int i = 0; i < Math.min(concurrency, calls); i++) {
            loop.startNext();
        }
        if (!loop.finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(contender.label() + ": " + loop.outstanding.get() + " of " + calls
                    + " calls still outstanding after " + timeout);
        }
        return new Outcome(calls, loop.failures.get(), loop.latency.getIntervalHistogram(),
                loop.lastCompletion.get() - start, Map.copyOf(loop.failureKinds));
    }

    private void startNext() {
        int index = next.getAndIncrement();
        if (index >= calls) {
            return;
        }
        long startedAt = System.nanoTime();
        contender.createBackup(workload.table(index), workload.backupName(index), failure -> {
            long now = System.nanoTime();
            latency.recordValue(Math.min(MAX_LATENCY_MICROS, Math.max(1, (now - startedAt) / 1000)));
            lastCompletion.accumulateAndGet(now, Math::max);
            if (failure != null) {
                failures.incrementAndGet();
                failureKinds.merge(describe(failure), 1, Integer::sum);
                // A call may fail synchronously; starting the next one elsewhere keeps the stack flat.
                ForkJoinPool.commonPool().execute(this::completeOne);
            } else {
                completeOne();
            }
        });
    }

    private void completeOne() {
        if (outstanding.decrementAndGet() == 0) {
            finished.countDown();
        } else {
            startNext();
        }
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause.getClass().getSimpleName();
    }
}
