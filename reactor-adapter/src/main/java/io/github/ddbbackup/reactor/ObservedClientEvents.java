package io.github.ddbbackup.reactor;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * One Micrometer {@link Observation} per call (so a span per DynamoDB call for Micrometer Tracing users), around the
 * events of another watcher (the meters, or none). Only loaded when the builder is given an
 * {@link ObservationRegistry}. The observation's parent is the subscriber's current observation (Reactor context),
 * and it is the current one for what the call runs (Reactor Netty's own observations nest under it).
 */
final class ObservedClientEvents implements ClientEvents {

    /** The observation's name; its timer, when the registry has a meter handler, is named after it. */
    static final String NAME = "ddb.backup.call";
    static final String OPERATION = "operation";
    static final String ENDPOINT_HOST = "endpoint.host";
    static final String OUTCOME = "outcome";
    static final String REQUEST_ID = "aws.request.id";

    private final ObservationRegistry registry;
    private final String endpointHost;
    private final ClientEvents inner;

    ObservedClientEvents(ObservationRegistry registry, String endpointHost, ClientEvents inner) {
        this.registry = registry;
        this.endpointHost = endpointHost;
        this.inner = inner;
    }

    @Override
    public CallEvents callStarted(String operation, ContextView context) {
        // The accessor's KEY is a compile-time constant: reading it loads no context-propagation class.
        Observation parent = context.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
        Observation observation = Observation.createNotStarted(NAME, registry)
                .contextualName("DynamoDB " + operation)
                .lowCardinalityKeyValue(OPERATION, operation)
                .lowCardinalityKeyValue(ENDPOINT_HOST, endpointHost)
                .parentObservation(parent)
                .start();
        return new ObservedCall(observation, inner.callStarted(operation, context));
    }

    @Override
    public void permitAsked(String operation) {
        inner.permitAsked(operation);
    }

    @Override
    public void permitGranted(String operation, long waitedNanos) {
        inner.permitGranted(operation, waitedNanos);
    }

    @Override
    public void permitRefused(String operation, Throwable error) {
        inner.permitRefused(operation, error);
    }

    @Override
    public void permitAbandoned(String operation) {
        inner.permitAbandoned(operation);
    }

    @Override
    public void ambiguity(AmbiguityResult result) {
        inner.ambiguity(result);
    }

    @Override
    public void bulkInFlight(int delta) {
        inner.bulkInFlight(delta);
    }

    @Override
    public void bulkTableFinished(BackupOutcome.Status status) {
        inner.bulkTableFinished(status);
    }

    /** One call's observation, stopped with the call's outcome; the inner watcher's call sees every event too. */
    private record ObservedCall(Observation observation, CallEvents inner) implements CallEvents {

        @Override
        public <T> Mono<T> around(Mono<T> call) {
            return inner.around(call)
                    .doOnSuccess(value -> stop(ClientEvents.SUCCESS, null))
                    .doOnError(error -> stop(ClientEvents.kindOf(error), error))
                    .doOnCancel(() -> stop(ClientEvents.CANCELLED, null))
                    .contextWrite(context -> context.put(ObservationThreadLocalAccessor.KEY, observation));
        }

        @Override
        public void attemptStarted() {
            inner.attemptStarted();
        }

        @Override
        public <T> Mono<T> attempts(Mono<T> attempts) {
            return inner.attempts(attempts);
        }

        @Override
        public void responded(@Nullable String requestId) {
            if (requestId != null) {
                observation.highCardinalityKeyValue(REQUEST_ID, requestId);
            }
            inner.responded(requestId);
        }

        private void stop(String outcome, @Nullable Throwable error) {
            observation.lowCardinalityKeyValue(OUTCOME, outcome);
            if (error != null) {
                observation.error(error);
            }
            observation.stop();
        }
    }
}
