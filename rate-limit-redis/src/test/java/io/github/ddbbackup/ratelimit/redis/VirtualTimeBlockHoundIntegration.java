package io.github.ddbbackup.ratelimit.redis;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Lets the tests' {@link reactor.test.scheduler.VirtualTimeScheduler} be used from Lettuce's event loops, as the
 * limiter uses its scheduler there (a Redis answer cancels the call's timeout timer, a grant is published on it).
 * The virtual-time scheduler keeps its timers in a {@code PriorityBlockingQueue}, whose lock a Lettuce thread finds
 * taken whenever the test thread is advancing time: it parks for a moment, BlockHound raises BlockingOperationError
 * inside the operator chain, the error is dropped, and that Redis call never finishes (seen once in about ten runs
 * on a loaded machine: {@code TimedRunnable.dispose <- MonoDelay.cancel <- FluxTimeout.onNext}, then the test waited
 * 30 s for the call). The production scheduler's timer queue has the same kind of lock and Reactor's own BlockHound
 * integration allows it; this allows the test scheduler's. Registered through {@code META-INF/services} in this
 * module's test resources (and test-jar).
 */
public final class VirtualTimeBlockHoundIntegration implements BlockHoundIntegration {

    private static final String SCHEDULER = "reactor.test.scheduler.VirtualTimeScheduler";

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside(SCHEDULER, "schedule");
        builder.allowBlockingCallsInside(SCHEDULER, "drain");
        builder.allowBlockingCallsInside(SCHEDULER + "$VirtualTimeWorker", "schedule");
        builder.allowBlockingCallsInside(SCHEDULER + "$TimedRunnable", "dispose");
    }
}
