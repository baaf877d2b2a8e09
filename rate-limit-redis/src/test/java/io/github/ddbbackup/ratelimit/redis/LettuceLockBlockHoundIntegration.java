package io.github.ddbbackup.ratelimit.redis;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Lets Lettuce's {@code SharedLock} take its lock on any thread. Lettuce sends a command on the caller's thread (the
 * limiter's timers, an event loop reporting an answer) and guards its endpoint with that lock, held for moments while
 * a connection is closed or re-established; a caller that finds it taken parks. BlockHound then threw
 * BlockingOperationError inside Lettuce's exclusive section, which left the lock taken for good: every later command
 * spun in {@code incrementWriters} and closing the limiter never returned (seen once when Redis was killed mid-run in
 * {@code SharedBudgetEmulatorTest}). Registered through {@code META-INF/services} in this module's test resources
 * (and test-jar).
 */
public final class LettuceLockBlockHoundIntegration implements BlockHoundIntegration {

    private static final String SHARED_LOCK = "io.lettuce.core.protocol.SharedLock";

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside(SHARED_LOCK, "doExclusive");
        builder.allowBlockingCallsInside(SHARED_LOCK, "incrementWriters");
        builder.allowBlockingCallsInside(SHARED_LOCK, "decrementWriters");
    }
}
