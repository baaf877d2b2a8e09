package io.github.ddbbackup.spring.autoconfigure;

import org.jspecify.annotations.Nullable;
import io.github.ddbbackup.core.InvalidOptionException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which {@code ddb.backup.*} property sets each client option: the one table by which a refused option
 * ({@link InvalidOptionException#option()}) is reported under the property that fixes it, at binding and at build.
 */
final class OptionProperties {

    /** Stands for an operation's property group, e.g. {@code create-backup}, in the table below. */
    static final String OPERATION = "{operation}";

    /** Option, as {@link InvalidOptionException#option()} names it, to property, without the prefix. */
    private static final Map<String, String> PROPERTY_OF_OPTION = Map.ofEntries(
            Map.entry("region", "region"),
            Map.entry("profileName", "profile"),
            Map.entry("endpointOverride", "endpoint"),
            Map.entry("maxResponseBytes", "max-response-bytes"),
            Map.entry("maxConnections", "connection-pool.max-connections"),
            Map.entry("pendingAcquireMaxCount", "connection-pool.pending-acquire-max"),
            Map.entry("Timeouts.connect", "timeouts.connect"),
            Map.entry("Timeouts.perAttempt", "timeouts.per-attempt"),
            Map.entry("Timeouts.overall", "timeouts.overall"),
            Map.entry("RetryPolicy.maxAttempts", "retry.max-attempts"),
            Map.entry("RetryPolicy.baseDelay", "retry.base-delay"),
            Map.entry("RetryPolicy.maxDelay", "retry.max-delay"),
            Map.entry("RateLimits.maxWaiters", "rate-limits.max-waiters"),
            Map.entry("RateLimits.jitterMargin", "rate-limits.jitter-margin"),
            Map.entry("RateLimit.permitsPerSecond", "rate-limits." + OPERATION + ".permits-per-second"),
            Map.entry("RateLimit.burst", "rate-limits." + OPERATION + ".burst"),
            Map.entry("RedisRateLimiter.redisUri", "redis.uri"),
            Map.entry("RedisFailurePolicy.instances", "redis.instances"),
            Map.entry("RedisRateLimiter.accountId", "redis.account-id"),
            Map.entry("RedisRateLimiter.keyPrefix", "redis.key-prefix"));

    /**
     * Properties whose value may hold a secret (a password in the URI): reported as a global error naming the
     * property, since a field error would carry the raw value into Spring Boot's failure report.
     */
    private static final Set<String> SECRET = Set.of("redis.uri");

    private OptionProperties() {
    }

    /**
     * The property, without the prefix, that sets {@code option}; {@code operation} is the property group of the
     * operation whose limit was being checked ({@code create-backup}), or null outside the rate limits. Empty for an
     * option no property sets (one a customizer set, say).
     */
    static Optional<String> propertyOf(String option, @Nullable String operation) {
        String property = PROPERTY_OF_OPTION.get(option);
        if (property == null || (property.contains(OPERATION) && operation == null)) {
            return Optional.empty();
        }
        return Optional.of(property.replace(OPERATION, operation == null ? "" : operation));
    }

    /** Every property of the table, {@link #OPERATION} left in place; for the test that each exists. */
    static Collection<String> properties() {
        return PROPERTY_OF_OPTION.values();
    }

    /** Whether the property's value may hold a secret and must not be reported as it is. */
    static boolean isSecret(String property) {
        return SECRET.contains(property);
    }
}
