package io.github.ddbbackup.spring.autoconfigure;

import io.github.ddbbackup.core.InvalidOptionException;
import io.github.ddbbackup.ratelimit.RateLimit;
import io.github.ddbbackup.ratelimit.RateLimits;
import io.github.ddbbackup.reactor.DynamoDbBackupClient;
import io.github.ddbbackup.reactor.DynamoDbBackupClientBuilder;
import io.github.ddbbackup.reactor.RetryPolicy;
import io.github.ddbbackup.reactor.Timeouts;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.util.ClassUtils;
import org.springframework.validation.Errors;

/**
 * Checks {@code ddb.backup.*} at binding by the client's own rules, each property on its own so that every mistake
 * is reported at once: each check applies the client's rule to one property's value, and the
 * {@link InvalidOptionException} it may throw is reported under the property {@link OptionProperties} maps its option
 * to, with the client's message (option, value, rule).
 */
final class DynamoDbBackupPropertiesValidator {

    private DynamoDbBackupPropertiesValidator() {
    }

    static void validate(DynamoDbBackupProperties p, Errors errors) {
        DynamoDbBackupClientBuilder builder = DynamoDbBackupClient.builder();
        String region = p.getRegion();
        if (region != null) {
            check(errors, null, () -> builder.region(region));
        }
        String profile = p.getProfile();
        if (profile != null) {
            check(errors, null, () -> builder.profileName(profile));
        }
        check(errors, null, () -> builder.maxResponseBytes(p.maxResponseByteCount()));
        check(errors, null, () -> builder.maxConnections(p.getConnectionPool().getMaxConnections()));
        check(errors, null, () -> builder.pendingAcquireMaxCount(p.getConnectionPool().getPendingAcquireMax()));

        DynamoDbBackupProperties.TimeoutsProperties timeouts = p.getTimeouts();
        check(errors, null, () -> Timeouts.DEFAULT.withConnect(timeouts.getConnect()));
        check(errors, null, () -> Timeouts.DEFAULT.withPerAttempt(timeouts.getPerAttempt()));
        check(errors, null, () -> Timeouts.DEFAULT.withOverall(timeouts.getOverall()));

        // Each delay alone first, then how they relate, so that each property is named for its own mistake.
        DynamoDbBackupProperties.RetryProperties retry = p.getRetry();
        check(errors, null, () -> RetryPolicy.DEFAULT.withMaxAttempts(retry.getMaxAttempts()));
        check(errors, null, () -> new RetryPolicy(1, retry.getBaseDelay(), retry.getBaseDelay()));
        check(errors, null, () -> new RetryPolicy(1, Duration.ofNanos(1), retry.getMaxDelay()));
        check(errors, null, () -> new RetryPolicy(1, retry.getBaseDelay(), retry.getMaxDelay()));

        DynamoDbBackupProperties.RateLimitsProperties rateLimits = p.getRateLimits();
        check(errors, null, () -> RateLimits.NONE.withMaxWaiters(rateLimits.getMaxWaiters()));
        check(errors, null, () -> RateLimits.NONE.withJitterMargin(rateLimits.getJitterMargin()));
        for (Map.Entry<String, DynamoDbBackupProperties.OperationRateLimit> entry
                : rateLimits.operations().entrySet()) {
            validate(entry.getKey(), entry.getValue(), errors);
        }

        validateRedis(p.getRedis(), errors);
    }

    /** One operation's limit: 0 turns it off (the property's own rule), else the client's rules for a limit. */
    private static void validate(String operation, DynamoDbBackupProperties.OperationRateLimit limit, Errors errors) {
        if (limit.getPermitsPerSecond() < 0) {
            errors.rejectValue("rate-limits." + operation + ".permits-per-second", "invalid", "permitsPerSecond: "
                    + limit.getPermitsPerSecond() + " violates >= 0 (0 turns limiting of " + limit.operation().name()
                    + " off)");
        } else if (limit.getPermitsPerSecond() > 0) {
            check(errors, operation, () -> RateLimit.perSecond(limit.getPermitsPerSecond()));
            check(errors, operation, limit::toRateLimit);
        }
    }

    /** The Redis limiter's rules, when a URI is set; its classes are only touched when they are there. */
    private static void validateRedis(DynamoDbBackupProperties.RedisProperties redis, Errors errors) {
        if (redis.getUri() == null) {
            return;
        }
        if (!ClassUtils.isPresent(RedisRateLimiterSettings.LIMITER_CLASS, null)) {
            errors.reject("missing", DynamoDbBackupProperties.PREFIX + ".redis.uri is set, but "
                    + RedisRateLimiterSettings.LIMITER_CLASS
                    + " is not on the classpath: add io.github.ddbbackup:ddb-backup-rate-limit-redis");
            return;
        }
        RedisRateLimiterSettings.checks(redis).forEach(rule -> check(errors, null, rule));
    }

    /**
     * Applies one of the client's rules; a refusal is reported under the property that set the option, once per
     * property (a later check of the same property adds nothing).
     */
    private static void check(Errors errors, @Nullable String operation, Runnable clientRule) {
        try {
            clientRule.run();
        } catch (InvalidOptionException e) {
            report(errors, e, operation);
        }
    }

    private static void report(Errors errors, InvalidOptionException e, @Nullable String operation) {
        Optional<String> property = OptionProperties.propertyOf(e.option(), operation);
        if (property.isEmpty()) {
            errors.reject("invalid", String.valueOf(e.getMessage()));
        } else if (OptionProperties.isSecret(property.get())) {
            errors.reject("invalid", e.describedAs(DynamoDbBackupProperties.PREFIX + "." + property.get()));
        } else if (!errors.hasFieldErrors(property.get())) {
            errors.rejectValue(property.get(), "invalid", String.valueOf(e.getMessage()));
        }
    }
}
