package io.github.ddbbackup.spring.autoconfigure;

import io.github.ddbbackup.ratelimit.redis.RedisFailurePolicy;
import io.github.ddbbackup.ratelimit.redis.RedisRateLimiter;
import io.github.ddbbackup.ratelimit.redis.RedisRateLimiterBuilder;
import io.github.ddbbackup.ratelimit.RateLimits;
import java.util.Objects;
import org.springframework.validation.Errors;

/**
 * The {@link RedisRateLimiter} that {@code ddb.backup.redis.*} describes. Only loaded when
 * {@code ddb-backup-rate-limit-redis} is on the classpath (an optional dependency of this module).
 */
final class RedisRateLimiterSettings {

    /** The class whose presence turns the {@code ddb.backup.redis.*} properties on. */
    static final String LIMITER_CLASS = "io.github.ddbbackup.ratelimit.redis.RedisRateLimiter";

    private RedisRateLimiterSettings() {
    }

    /** A builder with every property applied, sharing {@code limits}; the properties were validated at binding. */
    static RedisRateLimiterBuilder builder(DynamoDbBackupProperties.RedisProperties redis, RateLimits limits) {
        RedisRateLimiterBuilder builder = RedisRateLimiter.builder()
                .redisUri(Objects.requireNonNull(redis.getUri(), "ddb.backup.redis.uri"))
                .rateLimits(limits)
                .keyPrefix(redis.getKeyPrefix());
        Integer instances = redis.getInstances();
        if (instances != null) {
            builder.onRedisFailure(RedisFailurePolicy.fallbackToLocal(instances));
        }
        String accountId = redis.getAccountId();
        if (accountId != null) {
            builder.accountId(accountId);
        }
        return builder;
    }

    /**
     * Checks each property by the limiter's own rule. The URI's error is a global one, naming the property: a field
     * error would carry the rejected value, password included, into Spring Boot's failure report; the limiter's
     * message names the URI with its user and password redacted.
     */
    static void validate(DynamoDbBackupProperties.RedisProperties redis, Errors errors) {
        RedisRateLimiterBuilder builder = RedisRateLimiter.builder();
        try {
            builder.redisUri(Objects.requireNonNull(redis.getUri(), "ddb.backup.redis.uri"));
        } catch (IllegalArgumentException e) {
            errors.reject("invalid", DynamoDbBackupProperties.PREFIX + ".redis.uri: "
                    + String.valueOf(e.getMessage()).replace("RedisRateLimiter.redisUri: ", ""));
        }
        Integer instances = redis.getInstances();
        if (instances != null) {
            DynamoDbBackupProperties.check(errors, "redis.instances",
                    () -> RedisFailurePolicy.fallbackToLocal(instances));
        }
        String accountId = redis.getAccountId();
        if (accountId != null) {
            DynamoDbBackupProperties.check(errors, "redis.account-id", () -> builder.accountId(accountId));
        }
        DynamoDbBackupProperties.check(errors, "redis.key-prefix", () -> builder.keyPrefix(redis.getKeyPrefix()));
    }
}
