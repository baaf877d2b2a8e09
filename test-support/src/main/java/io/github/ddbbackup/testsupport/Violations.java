package io.github.ddbbackup.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import reactor.blockhound.BlockingOperationError;

/**
 * Everything recorded in this JVM and not yet reported. Nothing is ever cleared without being reported: whatever a
 * background thread records after its test ended is reported by the next test, or by the class when it ends.
 * Lock-free, as it is written to from event loops.
 */
public final class Violations {

    private static final ConcurrentLinkedQueue<Violation> RECORDED = new ConcurrentLinkedQueue<>();
    private static volatile String now = "before any test";

    private Violations() {
    }

    static void blockingCall(BlockingOperationError error) {
        RECORDED.add(new Violation(Violation.Kind.BLOCKING_CALL, String.valueOf(error.getMethod()),
                Thread.currentThread().getName(), now, error));
    }

    static void droppedError(Throwable error) {
        // A BlockingOperationError that is then dropped is already recorded, with the better stack.
        if (error instanceof BlockingOperationError && RECORDED.stream().anyMatch(v -> v.trace() == error)) {
            return;
        }
        record(Violation.Kind.DROPPED_ERROR, error);
    }

    static void unhandledSchedulerError(Throwable error) {
        if (error instanceof BlockingOperationError && RECORDED.stream().anyMatch(v -> v.trace() == error)) {
            return;
        }
        record(Violation.Kind.UNHANDLED_SCHEDULER_ERROR, error);
    }

    private static void record(Violation.Kind kind, Throwable error) {
        String thread = Thread.currentThread().getName();
        RECORDED.add(new Violation(kind, error.toString(), thread, now,
                new ViolationSite(kind + " on thread \"" + thread + "\"", error)));
    }

    /** Says which test runs now, so that a later report can tell what was recorded during it and what after it. */
    static void now(String when) {
        now = when;
    }

    static String now() {
        return now;
    }

    /**
     * Takes everything recorded so far, so that it is not reported again. For a test that provokes a violation on
     * purpose: it takes it and asserts on it, and then only an unexpected one fails it.
     */
    public static List<Violation> takeAll() {
        List<Violation> taken = new ArrayList<>();
        for (Violation v; (v = RECORDED.poll()) != null; ) {
            taken.add(v);
        }
        return taken;
    }

    /** The stack of the place where an error was dropped; the dropped error is its cause. */
    private static final class ViolationSite extends Throwable {
        private static final long serialVersionUID = 1L;

        ViolationSite(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
