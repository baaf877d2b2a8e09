package io.github.ddbbackup.examples;

import io.github.ddbbackup.core.InvalidOptionException;
import io.github.ddbbackup.core.internal.LoopbackHosts;
import io.github.ddbbackup.ratelimit.RateLimits;
import io.github.ddbbackup.ratelimit.redis.RedisFailurePolicy;
import io.github.ddbbackup.ratelimit.redis.RedisRateLimiter;
import io.github.ddbbackup.ratelimit.redis.RedisRateLimiterBuilder;
import io.github.ddbbackup.ratelimit.redis.RedisUnavailableException;
import io.lettuce.core.RedisURI;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
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
     * started beside others on a busy machine may need more than the library's default (5 s, which suits services)
     * for that, and a batch job had rather wait than fail its tables.
     */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    /**
     * The bound on each later permit's Redis calls: a JVM starved of CPU may take over a second to read Redis's
     * answer; beyond five seconds Redis is taken as down and the policy (fail closed, or the local share) decides.
     */
    static final Duration REDIS_TIMEOUT = Duration.ofSeconds(5);

    /** The environment variable the password is read from, as redis-cli reads {@code REDISCLI_AUTH}. */
    static final String PASSWORD_VARIABLE = "DDB_BACKUP_REDIS_PASSWORD";

    /** The report's error code of a table that got no permit because Redis could not be asked. */
    static final String UNAVAILABLE_CODE = "RedisUnavailable";

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

    @Option(names = "--redis-password-file", paramLabel = "FILE", order = 33,
            description = "Read the Redis password from the first line of FILE, so that it is not on the command"
                    + " line for every user of the machine to see. Also: the environment variable "
                    + PASSWORD_VARIABLE + ".")
    private Path passwordFile;

    @Option(names = "--redis-allow-plaintext-password", order = 34,
            description = "Send the Redis password over plain redis:// to a host that is not this machine. Without"
                    + " it that is refused: use rediss:// (TLS).")
    private boolean allowPlaintextPassword;

    @Option(names = "--redis-account", paramLabel = "ID", order = 32,
            description = "The AWS account id (12 digits) the budget belongs to, when jobs sign with different access"
                    + " keys of one account (temporary credentials). Default: one budget per access key.")
    private String accountId;

    /**
     * Checks the options, naming option, value and rule; the URL's user and password are redacted in messages.
     *
     * @param rateLimits the job's limits, which the shared budget applies
     * @return the limiter's builder, empty without {@code --redis}
     */
    Optional<RedisRateLimiterBuilder> validate(RateLimits rateLimits, Map<String, String> environment,
                                              PrintWriter warnings) {
        if (uri == null) {
            if (instances != null || accountId != null || passwordFile != null) {
                throw usage((instances != null ? "--redis-instances" : accountId != null ? "--redis-account"
                        : "--redis-password-file") + " only applies to a shared budget: give --redis URL too");
            }
            return Optional.empty();
        }
        RedisRateLimiterBuilder builder = RedisRateLimiter.builder()
                .rateLimits(rateLimits)
                .connectTimeout(CONNECT_TIMEOUT)
                .redisTimeout(REDIS_TIMEOUT);
        try {
            builder.redisUri(uri);
        } catch (InvalidOptionException e) {
            // The builder keeps the URL only with its user and password redacted.
            throw usage(e.describedAs("--redis"));
        }
        builder.redisUri(withPassword(RedisURI.create(uri), environment, warnings));
        if (instances != null) {
            if (instances < 1 || instances > MAX_INSTANCES) {
                throw usage("--redis-instances: " + instances + " violates 1.." + MAX_INSTANCES
                        + " (the number of jobs sharing the budget)");
            }
            builder.onRedisFailure(RedisFailurePolicy.fallbackToLocal(instances));
        }
        if (accountId != null) {
            // The library takes any key; here it is an account, and a typo would split the budget silently.
            if (!accountId.matches("[0-9]{12}")) {
                throw usage("--redis-account: '" + accountId + "' violates a 12-digit AWS account id such as"
                        + " 123456789012");
            }
            try {
                builder.accountId(accountId);
            } catch (InvalidOptionException e) {
                throw usage(e.describedAs("--redis-account"));
            }
        }
        return Optional.of(builder);
    }

    /**
     * Why a table got no permit from the shared budget, in this command's terms (the library's message names its own
     * failure policy): where Redis is (never a password), what went wrong, and what {@code --redis-instances} changes.
     */
    static String describe(RedisUnavailableException e) {
        Throwable cause = e.getCause();
        String why = cause == null ? "an earlier Redis call failed a moment ago, and Redis is not asked again yet"
                : cause instanceof TimeoutException ? "Redis did not answer within " + REDIS_TIMEOUT.toSeconds() + " s"
                : String.valueOf(cause.getMessage()).lines().findFirst().orElse("");
        return "no " + e.key().operation() + " permit from the budget shared through Redis at " + e.redis() + ": "
                + why + "; without --redis-instances no call is made without the budget's consent";
    }

    /**
     * The URI with the password from {@code --redis-password-file} or {@value #PASSWORD_VARIABLE}, if any; a password
     * in the URI itself is used with a warning. A password is never sent in plain text to another machine unless
     * asked.
     */
    private RedisURI withPassword(RedisURI parsed, Map<String, String> environment, PrintWriter warnings) {
        boolean inUri = parsed.getPassword() != null && parsed.getPassword().length > 0;
        String fromEnvironment = environment.get(PASSWORD_VARIABLE);
        if (passwordFile != null) {
            parsed.setPassword(readPassword(passwordFile).toCharArray());
        } else if (fromEnvironment != null && !fromEnvironment.isEmpty() && !inUri) {
            parsed.setPassword(fromEnvironment.toCharArray());
        } else if (inUri) {
            warnings.println("ddb-backup: warning: the --redis URL holds a password, which every user of this"
                    + " machine can read in the process list: use --redis-password-file FILE or "
                    + PASSWORD_VARIABLE + " instead");
        }
        boolean hasPassword = parsed.getPassword() != null && parsed.getPassword().length > 0;
        if (hasPassword && !parsed.isSsl() && parsed.getSentinels().isEmpty()
                && !LoopbackHosts.isLoopback(parsed.getHost()) && !allowPlaintextPassword) {
            throw usage("--redis: a password would be sent unencrypted to " + parsed.getHost() + " (redis://): use"
                    + " rediss:// (TLS), or --redis-allow-plaintext-password if the network is trusted");
        }
        return parsed;
    }

    private String readPassword(Path file) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = reader.readLine();
            if (line == null || line.isEmpty()) {
                throw usage("--redis-password-file: " + file + " violates a password on its first line (it is empty)");
            }
            return line;
        } catch (IOException e) {
            throw usage("--redis-password-file: cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
