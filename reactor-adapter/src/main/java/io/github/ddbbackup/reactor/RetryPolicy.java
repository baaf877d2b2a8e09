package io.github.ddbbackup.reactor;

import io.github.ddbbackup.core.InvalidOptionException;
import io.github.ddbbackup.core.error.AmbiguousOutcomeException;
import java.time.Duration;

/**
 * How often and how patiently a call is tried again after a retryable error: exponential backoff with jitter
 * (Reactor's {@code Retry.backoff}), capped.
 *
 * <p>Retried: throttling (including {@code LimitExceededException}, which the AWS SDK gives up on at once, and which
 * hurts bulk jobs most), 5xx and server errors, damaged responses, and connection failures before the request was
 * written. Never retried: validation, authentication, not-found and in-use errors, and a CreateBackup whose request
 * may have reached DynamoDB (see {@link AmbiguousOutcomeException}).
 *
 * @param maxAttempts total attempts including the first, at least 1
 * @param baseDelay   the delay before the first retry; doubled for each further retry
 * @param maxDelay    the cap on one delay
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {

    /**
     * 8 attempts, 50 ms base, 5 s cap. The AWS SDK's DynamoDB default is 9 attempts, 25 ms base, 20 s cap; ours starts
     * a little slower because with the client's own token bucket throttling is rare, and when it happens it usually
     * means another process shares the account's budget, where 25 ms is too short to help. Seven retries with a 5 s cap
     * wait at most ~6.4 s before jitter, which keeps a call within the default 60 s overall timeout while riding out a
     * few seconds of contention.
     */
    public static final RetryPolicy DEFAULT = new RetryPolicy(8, Duration.ofMillis(50), Duration.ofSeconds(5));

    /** One attempt, no retry. */
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ofMillis(50), Duration.ofMillis(50));

    /** @throws InvalidOptionException when an option breaks its rule above, or {@code maxDelay < baseDelay} */
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new InvalidOptionException("RetryPolicy.maxAttempts", maxAttempts, ">= 1");
        }
        positive("baseDelay", baseDelay);
        positive("maxDelay", maxDelay);
        if (maxDelay.compareTo(baseDelay) < 0) {
            throw new InvalidOptionException("RetryPolicy.maxDelay", maxDelay, ">= baseDelay (" + baseDelay + ")");
        }
    }

    /** This policy with another attempt budget. */
    public RetryPolicy withMaxAttempts(int maxAttempts) {
        return new RetryPolicy(maxAttempts, baseDelay, maxDelay);
    }

    static void positive(String field, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new InvalidOptionException("RetryPolicy." + field, value, "> 0");
        }
    }
}
