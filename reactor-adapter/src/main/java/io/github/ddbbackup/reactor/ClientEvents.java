package io.github.ddbbackup.reactor;

import io.github.ddbbackup.core.error.ErrorResponseException;
import reactor.util.context.ContextView;

/**
 * What the client tells whoever watches it (metrics, tracing): calls, permits, ambiguity resolutions, bulk tables.
 * Deliberately free of any metrics library's types, so that the client's code calls it whether or not one is
 * present; the implementations that use Micrometer ({@link MicrometerClientEvents}, {@link ObservedClientEvents}) are
 * only loaded when the builder is given a registry. Every method defaults to doing nothing: {@link #NONE} costs a
 * call that the JIT removes.
 */
interface ClientEvents {

    /** The outcome of a call that succeeded. */
    String SUCCESS = "success";
    /** The outcome of a call whose subscriber cancelled it. */
    String CANCELLED = "cancelled";

    /** Watches nothing: the client built without a registry. */
    ClientEvents NONE = new ClientEvents() {
    };

    /** How an ambiguous CreateBackup ended. */
    enum AmbiguityResult {
        /** ListBackups found the backup: it was created. */
        FOUND,
        /** Not found: CreateBackup is sent again. */
        RESENT,
        /** No answer could be had: the call ends with an ambiguous outcome (the backup may exist). */
        GAVE_UP
    }

    /** One call of {@code operation} starts (subscribed); {@code context} is its subscriber's. */
    default CallEvents callStarted(String operation, ContextView context) {
        return CallEvents.NONE;
    }

    /** A caller asks the rate limiter for a permit for {@code operation}. */
    default void permitAsked(String operation) {
    }

    /** The permit was granted after {@code waitedNanos} (on the client's scheduler). */
    default void permitGranted(String operation, long waitedNanos) {
    }

    /** The rate limiter refused the permit (queue full, shared budget unreachable). */
    default void permitRefused(String operation, Throwable error) {
    }

    /** The caller stopped waiting before a permit came (cancelled, called off). */
    default void permitAbandoned(String operation) {
    }

    /** An ambiguous CreateBackup was looked up (or given up on). */
    default void ambiguity(AmbiguityResult result) {
    }

    /** Tables of {@code backupAll} jobs being worked on changed by {@code delta}. */
    default void bulkInFlight(int delta) {
    }

    /** A table of a {@code backupAll} job reached its final status. */
    default void bulkTableFinished(BackupOutcome.Status status) {
    }

    /**
     * A low-cardinality name for how a call or an attempt failed: DynamoDB's error code when it answered with one
     * ({@code HTTP 503} for an error response without one, a proxy's page), else the kind of client-side failure
     * (the exception's simple name: {@code TransportException}, {@code AmbiguousOutcomeException},
     * {@code RateLimitQueueFullException}...).
     */
    static String kindOf(Throwable error) {
        if (error instanceof ErrorResponseException response) {
            String code = response.errorCode();
            return code != null ? code : "HTTP " + response.httpStatus();
        }
        return error.getClass().getSimpleName();
    }
}
