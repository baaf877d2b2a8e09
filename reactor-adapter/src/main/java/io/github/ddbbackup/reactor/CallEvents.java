package io.github.ddbbackup.reactor;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** The events of one call, from {@link ClientEvents#callStarted}: its attempts, its answer's request id, its end. */
interface CallEvents {

    /** A call nobody watches: adds no operator and records nothing. */
    CallEvents NONE = new CallEvents() {
    };

    /** The whole call, retries and timeout included: the watcher adds what tells it how the call ended. */
    default <T> Mono<T> around(Mono<T> call) {
        return call;
    }

    /** An attempt starts; after a failed one, it is a retry caused by that failure. */
    default void attemptStarted() {
    }

    /**
     * Every attempt, each resubscribed after a retryable failure: the watcher adds what tells it how an attempt
     * failed (nothing is added when nobody watches).
     */
    default <T> Mono<T> attempts(Mono<T> attempts) {
        return attempts;
    }

    /** DynamoDB answered with this request id (absent from some answers, e.g. a proxy's). */
    default void responded(@Nullable String requestId) {
    }
}
