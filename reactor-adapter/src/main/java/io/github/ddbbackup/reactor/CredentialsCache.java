package io.github.ddbbackup.reactor;

import io.github.ddbbackup.core.error.CredentialsUnavailableException;
import io.github.ddbbackup.core.error.DynamoDbCallException;
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
 * is seen). Callers arriving while a resolution is under way share it. A failed resolution is not cached, and is
 * reported as {@link CredentialsUnavailableException} naming where credentials were looked for (the AWS SDK's
 * {@code SdkClientException} would otherwise reach the caller outside the library's error hierarchy).
 */
final class CredentialsCache {

    static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);
    static final Duration STATIC_TTL = Duration.ofMinutes(15);

    private final Mono<AwsCredentialsIdentity> cached;

    /**
     * @param source where {@code provider} looks for credentials, in one line and without keys ({@link #defaultChain},
     *               {@link #sourceOf})
     */
    CredentialsCache(IdentityProvider<? extends AwsCredentialsIdentity> provider, String source, Scheduler mayBlock,
                     Clock clock) {
        this.cached = Mono.defer(() -> Mono.<AwsCredentialsIdentity>fromFuture(provider::resolveIdentity))
                .onErrorMap(e -> !(e instanceof DynamoDbCallException),
                        e -> new CredentialsUnavailableException(source, e))
                .subscribeOn(mayBlock)
                .cache(identity -> timeToLive(identity, clock), error -> Duration.ZERO, () -> Duration.ZERO);
    }

    Mono<AwsCredentialsIdentity> get() {
        return cached;
    }

    /** The AWS SDK's default chain for {@code profile}, as {@code DefaultCredentialsProvider} tries it. */
    static String defaultChain(String profile) {
        return "the AWS default chain (system properties, environment, web identity token file, profile \""
                + profile + "\", container, instance metadata)";
    }

    /**
     * An application's provider, by its class: its {@code toString()} may show an access key id (the AWS SDK's
     * {@code StaticCredentialsProvider} does), so it is not used.
     */
    static String sourceOf(IdentityProvider<?> provider) {
        Class<?> type = provider.getClass();
        if (type.isAnonymousClass() || type.isSynthetic()) {
            // A lambda's or an anonymous class's name only says where it was written.
            String declaredIn = type.getName().replaceAll("\\$.*", "");
            return "the credentials provider declared in " + declaredIn.substring(declaredIn.lastIndexOf('.') + 1);
        }
        return "the credentials provider " + type.getSimpleName();
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
