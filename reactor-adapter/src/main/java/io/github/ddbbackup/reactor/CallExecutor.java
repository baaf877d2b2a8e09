package io.github.ddbbackup.reactor;

import io.github.ddbbackup.core.error.AmbiguousOutcomeException;
import io.github.ddbbackup.core.error.TransportException;
import io.github.ddbbackup.ratelimit.RateLimitKey;
import io.github.ddbbackup.ratelimit.RateLimiter;
import io.github.ddbbackup.ratelimit.SendPermit;
import io.github.ddbbackup.core.Operation;
import io.github.ddbbackup.core.internal.WireCodec;
import io.github.ddbbackup.core.error.DynamoDbCallException;
import io.github.ddbbackup.core.error.ErrorResponseException;
import io.github.ddbbackup.core.internal.ErrorMapper;
import io.github.ddbbackup.core.error.MalformedResponseException;
import io.github.ddbbackup.reactor.internal.RequestSigner;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.util.retry.Retry;
import reactor.util.retry.RetryBackoffSpec;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * The path of one call, top to bottom: encode, then for each attempt: credentials, a rate-limit permit, sign, send,
 * decode or map the error; then retry what is retryable, within the overall timeout.
 *
 * <p>A CreateBackup has no idempotency token: once its request may have reached DynamoDB and no usable answer came
 * back, it is surfaced as {@link AmbiguousOutcomeException} instead of being sent again.
 */
final class CallExecutor {

    private static final Logger log = LoggerFactory.getLogger(CallExecutor.class);

    private final WireCodec codec = WireCodec.shared();
    private final CredentialsCache credentials;
    private final RateLimiter rateLimiter;
    private final RequestSigner signer;
    private final Exchange transport;
    private final Scheduler scheduler;
    private final Timeouts timeouts;
    private final RetryBackoffSpec retry;
    private final URI endpointUri;
    private final String endpoint;
    private final String region;
    private final ClientEvents events;

    CallExecutor(CredentialsCache credentials, RateLimiter rateLimiter, RequestSigner signer, Exchange transport,
                 Scheduler scheduler, Timeouts timeouts, RetryPolicy retryPolicy, URI endpoint, String region,
                 ClientEvents events) {
        this.events = events;
        this.credentials = credentials;
        this.rateLimiter = rateLimiter;
        this.signer = signer;
        this.transport = transport;
        this.scheduler = scheduler;
        this.timeouts = timeouts;
        this.endpointUri = endpoint;
        this.endpoint = endpoint.toString();
        this.region = region;
        this.retry = Retry.backoff(retryPolicy.maxAttempts() - 1L, retryPolicy.baseDelay())
                .maxBackoff(retryPolicy.maxDelay())
                .jitter(1.0)
                .scheduler(scheduler)
                .filter(e -> e instanceof DynamoDbCallException d && d.isRetryable())
                .onRetryExhaustedThrow((spec, signal) -> signal.failure());
    }

    /**
     * Runs one call of {@code operation}.
     *
     * @param subject what the call is about (a table or a backup ARN), for logs only
     * @param ambiguity for CreateBackup, how to describe a possibly-performed call; null for every other operation
     */
    <I, O> Mono<O> execute(Operation<I, O> operation, I request, String subject,
                           @Nullable AmbiguityDescriber ambiguity) {
        return execute(operation, request, subject, ambiguity, new AtomicInteger(), null);
    }

    /**
     * As above, counting every attempt into {@code attempts} (the bulk job reports them). If {@code calledOff} (null
     * for none) emits a reason while the first attempt still waits for its permit, nothing is sent and the call fails
     * with {@link CalledOffException}; once the first attempt has its permit, the call runs to its end.
     */
    <I, O> Mono<O> execute(Operation<I, O> operation, I request, String subject,
                           @Nullable AmbiguityDescriber ambiguity, AtomicInteger attempts,
                           @Nullable Mono<String> calledOff) {
        return Mono.deferContextual(context -> {
            byte[] body = codec.encode(request);
            // Watched from here: a request that cannot be encoded (invalid input) is not a call.
            CallEvents call = events.callStarted(operation.name(), context);
            AtomicReference<HttpTransport.Attempt> current = new AtomicReference<>();
            // The overall timeout runs from the first permit: a caller waiting its turn behind a low rate limit is
            // slowed, never failed, by the wait.
            Sinks.Empty<Void> firstPermit = Sinks.empty();
            return call.around(Mono.defer(() -> {
                        int number = attempts.incrementAndGet();
                        call.attemptStarted();
                        return attempt(operation, body, subject, number, current, ambiguity,
                                number == 1 ? calledOff : null, firstPermit, call);
                    })
                    .transform(call::attempts)
                    .retryWhen(retry)
                    .timeout(firstPermit.asMono().then(timer(timeouts.overall())),
                            Mono.error(() -> overallTimeout(current.get(), ambiguity))));
        });
    }

    private <O> Mono<O> attempt(Operation<?, O> operation, byte[] body, String subject, int number,
                                AtomicReference<HttpTransport.Attempt> current,
                                @Nullable AmbiguityDescriber ambiguity, @Nullable Mono<String> calledOff,
                                Sinks.Empty<Void> permitted, CallEvents call) {
        HttpTransport.Attempt attempt = new HttpTransport.Attempt();
        current.set(attempt);
        // Called as the attempt is subscribed: its duration includes the credentials and the permit, and is
        // meaningful whichever step fails.
        long startedAt = scheduler.now(TimeUnit.MILLISECONDS);
        return credentials.get()
                .flatMap(identity -> permit(operation, identity, calledOff))
                .doOnNext(permit -> {
                    permitted.tryEmitEmpty();
                    attempt.onWritten(permit.sendPermit()::written);
                })
                .flatMap(permit -> Mono.defer(() -> transport.exchange(
                                signer.sign(operation.target(), body, permit.identity()), body, attempt))
                        .doOnNext(response -> permit.sendPermit().answered())
                        .timeout(timer(timeouts.perAttempt()), Mono.error(() -> new TransportException(
                                "no complete response within " + timeouts.perAttempt(), attempt.isWritten(),
                                true, new TimeoutException("per-attempt timeout of " + timeouts.perAttempt()))))
                        .doFinally(end -> {
                            if (!attempt.isWritten()) {
                                permit.sendPermit().unsent();
                            }
                        }))
                .map(response -> {
                    call.responded(response.requestId());
                    return decode(operation, response);
                })
                .onErrorMap(e -> ambiguity != null && isAmbiguous(e),
                        e -> Objects.requireNonNull(ambiguity).describe(e))
                // Decided when the attempt is assembled, so that a call not logged carries no logging operator.
                .transform(result -> log.isDebugEnabled() ? result.doOnEach(signal -> {
                    if (signal.isOnNext() || signal.isOnError()) {
                        log.debug("{} {} attempt {}: {} in {} ms", operation.name(), subject, number,
                                signal.isOnNext() ? "ok" : describe(Objects.requireNonNull(signal.getThrowable())),
                                scheduler.now(TimeUnit.MILLISECONDS) - startedAt);
                    }
                }) : result);
    }

    private Mono<Permitted> permit(Operation<?, ?> operation, AwsCredentialsIdentity identity,
                                   @Nullable Mono<String> calledOff) {
        Mono<Permitted> granted = rateLimiter.permit(key(operation, identity))
                .map(sendPermit -> new Permitted(identity, sendPermit));
        // Only a call that may still be called off pays for the race; cancelling the losing permit frees its place.
        // The call-off is subscribed first: once it has happened it wins even against a permit granted at once.
        return calledOff == null ? granted : Mono.firstWithSignal(
                calledOff.flatMap(reason -> Mono.<Permitted>error(new CalledOffException(reason))),
                granted);
    }

    /** The credentials an attempt signs with and the permit it reports on. */
    private record Permitted(AwsCredentialsIdentity identity, SendPermit sendPermit) {
    }

    private <O> O decode(Operation<?, O> operation, RawResponse response) {
        if (response.status() == 200) {
            return codec.decodeResponse(operation, response.body(), 200, response.requestId());
        }
        throw ErrorMapper.map(response.status(), response.errorType(), response.requestId(), response.body());
    }

    /**
     * Whether a failed CreateBackup may nevertheless have created the backup: the request was written and the answer
     * is missing, unreadable, or a server error that is not one of DynamoDB's typed errors (a proxy's 5xx page). A
     * typed error from DynamoDB says what happened, so it is not ambiguous.
     */
    static boolean isAmbiguous(Throwable e) {
        if (e instanceof TransportException t) {
            return t.requestWritten();
        }
        if (e instanceof MalformedResponseException) {
            return true;
        }
        // ServerError itself, not one of its subclasses: a 5xx without one of DynamoDB's codes.
        return e.getClass() == ErrorResponseException.ServerError.class;
    }

    /**
     * A timeout trigger for {@code Mono.timeout(Publisher, fallback)}, which, unlike {@code timeout(Duration)}, does
     * not build a description of the whole operator chain on every subscription (a walk with regular expressions, a
     * visible share of a call's CPU and allocations: BENCHMARKS.md). Like
     * {@code timeout(Duration)}, a scheduler that refuses the timer fires it at once.
     */
    private Mono<Long> timer(Duration delay) {
        return Mono.delay(delay, scheduler).onErrorReturn(0L);
    }

    private Throwable overallTimeout(HttpTransport.@Nullable Attempt last, @Nullable AmbiguityDescriber ambiguity) {
        boolean written = last != null && last.isWritten();
        TransportException timeout = new TransportException("call did not complete within " + timeouts.overall(),
                written, false, new TimeoutException("overall timeout of " + timeouts.overall()));
        return ambiguity != null && written ? ambiguity.describe(timeout) : timeout;
    }

    /** The credentials a call would be signed with, resolved (or refused) as a call resolves them. */
    Mono<Void> credentialsResolved() {
        return credentials.get().then();
    }

    /** Who watches this client's calls ({@link ClientEvents#NONE} for nobody). */
    ClientEvents events() {
        return events;
    }

    URI endpoint() {
        return endpointUri;
    }

    String region() {
        return region;
    }

    private RateLimitKey key(Operation<?, ?> operation, AwsCredentialsIdentity identity) {
        return new RateLimitKey(endpoint, region, identity.accessKeyId(), operation.name());
    }

    private static String describe(Throwable e) {
        return e instanceof ErrorResponseException d
                ? d.errorCode() + " (status " + d.httpStatus() + ", request id " + d.requestId() + ")"
                : e.getClass().getSimpleName();
    }

    /** Builds the ambiguous-outcome error of one CreateBackup call. */
    @FunctionalInterface
    interface AmbiguityDescriber {
        Throwable describe(Throwable cause);
    }

}
