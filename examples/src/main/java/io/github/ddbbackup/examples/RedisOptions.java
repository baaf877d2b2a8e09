package io.github.ddbbackup.examples;

import io.github.ddbbackup.ratelimit.redis.RedisFailurePolicy;
import io.github.ddbbackup.ratelimit.redis.RedisRateLimiter;
import io.github.ddbbackup.ratelimit.redis.RedisRateLimiterBuilder;
import io.github.ddbbackup.reactor.RateLimits;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --redis URL [--redis-instances N] [--redis-account ID]}: share the CreateBackup budget with other jobs (and
 * services) through Redis, so that several jobs started at once stay within DynamoDB's 50 calls per second per
 * account and region together. The URL's password is never printed: messages show {@link RedisRateLimiter#redis()}.
 */
final class RedisOptions {

    /** The most instances {@code --redis-instances} accepts: beyond it a local share is below one call a minute. */
    static final int MAX_INSTANCES = 1_000;

    /**
     * The bound on connecting to Redis and on the job's first permit, which also loads Lettuce and Bucket4j: a job
     * started beside others on a busy machine has been seen to need over five seconds for that, and a batch job had
     * rather wait than fail its tables. (The library's default, 5 s, suits services.)
     */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    /**
     * The bound on each later permit's Redis calls: a JVM starved of CPU has been seen to take over a second to read
     * Redis's answer; beyond five seconds Redis is taken as down and the policy (fail closed, or the local share)
     * decides.
     */
    static final Duration REDIS_TIMEOUT = Duration.ofSeconds(5);

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--redis", paramLabel = "URL", order = 30,
            description = "Share the CreateBackup budget with every job and service using this Redis:"
                    + " redis://[[user]:password@]host[:port][/db], rediss:// (TLS) or redis-sentinel://. Without it the budget is"
                    + " this job's alone.")
    private String uri;

    @Option(names = "--redis-instances", paramLabel = "N", order = 31,
            description = "While Redis is unreachable, go on with 1/N of the budget (N: how many jobs share it)."
                    + " Without it, tables fail while Redis is unreachable (fail closed).")
    private Integer instances;

    @Option(names = "--redis-account", paramLabel = "ID", order = 32,
            description = "The AWS account id the budget belongs to, when jobs sign with different access keys of"
                    + " one account (temporary credentials). Default: one budget per access key.")
    private String accountId;

    /**
     * Checks the options, naming option, value and rule; the URL's user and password are redacted in messages.
     *
     * @param rateLimits the job's limits, which the shared budget applies
     * @return the limiter's builder, empty without {@code --redis}
     */
    Optional<RedisRateLimiterBuilder> validate(RateLimits rateLimits) {
        if (uri == null) {
            if (instances != null || accountId != null) {
                throw usage((instances != null ? "--redis-instances" : "--redis-account")
                        + " only applies to a shared budget: give --redis URL too");
            }
            return Optional.empty();
        }
        RedisRateLimiterBuilder builder = RedisRateLimiter.builder()
                .rateLimits(rateLimits)
                .connectTimeout(CONNECT_TIMEOUT)
                .redisTimeout(REDIS_TIMEOUT);
        try {
            builder.redisUri(uri);
        } catch (IllegalArgumentException e) {
            // The builder's message names the URL with its user and password redacted.
            throw usage("--redis: " + e.getMessage().replace("RedisRateLimiter.redisUri: ", ""));
        }
        if (instances != null) {
            if (instances < 1 || instances > MAX_INSTANCES) {
                throw usage("--redis-instances: " + instances + " violates 1.." + MAX_INSTANCES
                        + " (the number of jobs sharing the budget)");
            }
            builder.onRedisFailure(RedisFailurePolicy.fallbackToLocal(instances));
        }
        if (accountId != null) {
            try {
                builder.accountId(accountId);
            } catch (IllegalArgumentException e) {
                throw usage("--redis-account: " + e.getMessage().replace("RedisRateLimiter.accountId: ", ""));
            }
        }
        return Optional.of(builder);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
