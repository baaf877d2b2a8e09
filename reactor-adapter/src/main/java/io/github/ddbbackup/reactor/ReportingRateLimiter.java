package io.github.ddbbackup.reactor;

import io.github.ddbbackup.ratelimit.RateLimitKey;
import io.github.ddbbackup.ratelimit.RateLimiter;
import io.github.ddbbackup.ratelimit.SendPermit;
import java.util.function.LongSupplier;
import reactor.core.publisher.Mono;

/**
 * Tells {@link ClientEvents} how each permit went (asked, granted after how long, refused, abandoned), around any
 * rate limiter: the limiters themselves (local, Redis, an application's) stay unaware of being watched. Waits are
 * measured on the client's latency clock (its scheduler's when one was given: virtual time in tests). Only wraps the
 * limiter of a watched client.
 */
final class ReportingRateLimiter implements RateLimiter {

    private final RateLimiter limiter;
    private final ClientEvents events;
    private final LongSupplier nanoTime;

    ReportingRateLimiter(RateLimiter limiter, ClientEvents events, LongSupplier nanoTime) {
        this.limiter = limiter;
        this.events = events;
        this.nanoTime = nanoTime;
    }

    @Override
    public Mono<Void> acquire(RateLimitKey key) {
        return watched(key, limiter.acquire(key));
    }

    /** Passed on, watched: the limiter counts these permits' requests at the wire. */
    @Override
    public Mono<SendPermit> permit(RateLimitKey key) {
        return watched(key, limiter.permit(key));
    }

    private <T> Mono<T> watched(RateLimitKey key, Mono<T> permit) {
        return Mono.defer(() -> {
            String operation = key.operation();
            long askedAt = nanoTime.getAsLong();
            events.permitAsked(operation);
            return permit
                    .doOnSuccess(granted -> events.permitGranted(operation,
                            nanoTime.getAsLong() - askedAt))
                    .doOnError(error -> events.permitRefused(operation, error))
                    .doOnCancel(() -> events.permitAbandoned(operation));
        });
    }
}
