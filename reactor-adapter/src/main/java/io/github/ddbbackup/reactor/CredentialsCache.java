package io.github.ddbbackup.reactor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;

/**
 * Credentials for signing, resolved off the event loop and shared.
 *
 * <p>The AWS SDK's providers may read files or call a metadata endpoint synchronously inside
 * {@code resolveIdentity()}, so resolution runs on a scheduler that may block. The result is cached: until
 * {@link #REFRESH_BEFORE_EXPIRY} before its expiry, or for {@link #STATIC_TTL} when it has none (so a rotated profile
 * is seen). Callers arriving while a resolution is under way share it. A failed resolution is not cached.
 */
final class CredentialsCache {

    static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);
    static final Duration STATIC_TTL = Duration.ofMinutes(15);

    private final Mono<AwsCredentialsIdentity> cached;

    CredentialsCache(IdentityProvider<? extends AwsCredentialsIdentity> provider, Scheduler mayBlock, Clock clock) {
        this.cached = Mono.defer(() -> Mono.<AwsCredentialsIdentity>fromFuture(provider::resolveIdentity))
                .subscribeOn(mayBlock)
                .cache(identity -> timeToLive(identity, clock), error -> Duration.ZERO, () -> Duration.ZERO);
    }

    Mono<AwsCredentialsIdentity> get() {
        return cached;
    }

    static Duration timeToLive(AwsCredentialsIdentity identity, Clock clock) {
        if (identity.expirationTime().isEmpty()) {
            return STATIC_TTL;
        }
        Instant refreshAt = identity.expirationTime().get().minus(REFRESH_BEFORE_EXPIRY);
        Duration left = Duration.between(clock.instant(), refreshAt);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
