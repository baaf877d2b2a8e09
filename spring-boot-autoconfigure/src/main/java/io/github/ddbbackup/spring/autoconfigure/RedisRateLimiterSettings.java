package io.github.ddbbackup.spring.autoconfigure;

import io.github.ddbbackup.ratelimit.redis.RedisFailurePolicy;
import io.github.ddbbackup.ratelimit.redis.RedisRateLimiter;
import io.github.ddbbackup.ratelimit.redis.RedisRateLimiterBuilder;
import io.github.ddbbackup.ratelimit.RateLimits;
import java.util.Objects;
import org.springframework.validation.Errors;
import java.util.ArrayList;
import java.util.List;

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
     * The limiter's own rule for each property that is set, for {@link DynamoDbBackupPropertiesValidator} to apply
     * (each throws {@link io.github.ddbbackup.core.InvalidOptionException} naming the limiter's option).
     */
    static List<Runnable> checks(DynamoDbBackupProperties.RedisProperties redis) {
        RedisRateLimiterBuilder builder = RedisRateLimiter.builder();
        List<Runnable> checks = new ArrayList<>();
        String uri = redis.getUri();
        if (uri != null) {
            checks.add(() -> builder.redisUri(uri));
        }
        Integer instances = redis.getInstances();
        if (instances != null) {
            checks.add(() -> RedisFailurePolicy.fallbackToLocal(instances));
        }
        String accountId = redis.getAccountId();
        if (accountId != null) {
            checks.add(() -> builder.accountId(accountId));
        }
        checks.add(() -> builder.keyPrefix(redis.getKeyPrefix()));
        return checks;
    }
}
