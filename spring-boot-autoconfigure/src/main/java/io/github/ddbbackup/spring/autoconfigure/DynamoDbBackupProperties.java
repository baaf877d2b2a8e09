package io.github.ddbbackup.spring.autoconfigure;

import io.github.ddbbackup.core.InvalidOptionException;
import io.github.ddbbackup.core.Operation;
import io.github.ddbbackup.reactor.DynamoDbBackupClient;
import io.github.ddbbackup.reactor.DynamoDbBackupClientBuilder;
import io.github.ddbbackup.ratelimit.RateLimit;
import io.github.ddbbackup.ratelimit.RateLimits;
import io.github.ddbbackup.reactor.RetryPolicy;
import io.github.ddbbackup.reactor.Timeouts;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * The {@code ddb.backup.*} properties the auto-configured {@link DynamoDbBackupClient} is built from. Every property
 * starts at the client's own default, so an empty configuration gives the client {@code DynamoDbBackupClient.builder()}
 * gives.
 *
 * <p>Validated at start-up by the client's own rules: an invalid value fails the application context with the
 * property's name, the value and the rule.
 */
@ConfigurationProperties(prefix = DynamoDbBackupProperties.PREFIX)
public class DynamoDbBackupProperties implements Validator {

    /** The prefix of every property. */
    public static final String PREFIX = "ddb.backup";

    /** Whether the client bean is created. false: no client, and none of this module's other beans. */
    private boolean enabled = true;

    /**
     * AWS region, e.g. eu-west-1. Default: an AwsRegionProvider bean, spring.cloud.aws.region.static, the aws.region
     * system property, AWS_REGION, the profile's region; never the instance metadata service.
     */
    private @Nullable String region;

    /**
     * Name of the AwsCredentialsProvider bean to sign with, when the application has several and none is @Primary.
     * Default: the only (or the @Primary) AwsCredentialsProvider bean, else the AWS SDK's default chain.
     */
    private @Nullable String credentialsProviderBean;

    /**
     * Endpoint URL, e.g. http://127.0.0.1:8000 for a local emulator. Default: AWS_ENDPOINT_URL_DYNAMODB,
     * AWS_ENDPOINT_URL, the profile's endpoint_url, else DynamoDB's regional https endpoint.
     */
    private @Nullable URI endpoint;

    /** AWS profile for region, credentials and endpoint_url. Default: AWS_PROFILE, else "default". */
    private @Nullable String profile;

    /** Accept plain http for an endpoint that is not a loopback address (requests carry signatures and data). */
    private boolean allowInsecureHttp;

    /**
     * Whether createBackup, when its request may have reached DynamoDB but no answer came back, looks for the backup
     * with ListBackups and sends CreateBackup again only if it is not there, instead of failing with
     * AmbiguousOutcomeException. Only for backup names unique per table within minutes (names with a timestamp).
     */
    private boolean resolveAmbiguousCreateBackup;

    /** Largest response body accepted, e.g. 1MB; a plain number is bytes. At least 1KB. */
    private DataSize maxResponseBytes = DataSize.ofBytes(DynamoDbBackupClientBuilder.DEFAULT_MAX_RESPONSE_BYTES);

    private final RateLimitsProperties rateLimits = new RateLimitsProperties();

    private final TimeoutsProperties timeouts = new TimeoutsProperties();

    private final RetryProperties retry = new RetryProperties();

    private final ConnectionPoolProperties connectionPool = new ConnectionPoolProperties();

    private final RedisProperties redis = new RedisProperties();

    private final MetricsProperties metrics = new MetricsProperties();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public @Nullable String getCredentialsProviderBean() {
        return credentialsProviderBean;
    }

    public void setCredentialsProviderBean(@Nullable String credentialsProviderBean) {
        this.credentialsProviderBean = credentialsProviderBean;
    }

    public @Nullable String getRegion() {
        return region;
    }

    public void setRegion(@Nullable String region) {
        this.region = region;
    }

    public @Nullable URI getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(@Nullable URI endpoint) {
        this.endpoint = endpoint;
    }

    public @Nullable String getProfile() {
        return profile;
    }

    public void setProfile(@Nullable String profile) {
        this.profile = profile;
    }

    public boolean isAllowInsecureHttp() {
        return allowInsecureHttp;
    }

    public void setAllowInsecureHttp(boolean allowInsecureHttp) {
        this.allowInsecureHttp = allowInsecureHttp;
    }

    public boolean isResolveAmbiguousCreateBackup() {
        return resolveAmbiguousCreateBackup;
    }

    public void setResolveAmbiguousCreateBackup(boolean resolveAmbiguousCreateBackup) {
        this.resolveAmbiguousCreateBackup = resolveAmbiguousCreateBackup;
    }

    public DataSize getMaxResponseBytes() {
        return maxResponseBytes;
    }

    public void setMaxResponseBytes(DataSize maxResponseBytes) {
        this.maxResponseBytes = maxResponseBytes;
    }

    public RateLimitsProperties getRateLimits() {
        return rateLimits;
    }

    public TimeoutsProperties getTimeouts() {
        return timeouts;
    }

    public RetryProperties getRetry() {
        return retry;
    }

    public ConnectionPoolProperties getConnectionPool() {
        return connectionPool;
    }

    public RedisProperties getRedis() {
        return redis;
    }

    public MetricsProperties getMetrics() {
        return metrics;
    }

    /** {@link #getMaxResponseBytes()} as the client takes it. */
    int maxResponseByteCount() {
        if (maxResponseBytes == null) {
            throw new InvalidOptionException("maxResponseBytes", null, "required");
        }
        long bytes = maxResponseBytes.toBytes();
        if (bytes > Integer.MAX_VALUE) {
            throw new InvalidOptionException("maxResponseBytes", bytes, "<= " + Integer.MAX_VALUE);
        }
        return (int) bytes;
    }

    @Override
    public boolean supports(Class<?> type) {
        return DynamoDbBackupProperties.class.isAssignableFrom(type);
    }

    /**
     * Checks each property with the rule the client applies to it ({@link DynamoDbBackupPropertiesValidator}), so that
     * a mistake fails at start-up under the property's own name rather than later inside the client builder.
     */
    @Override
    public void validate(Object target, Errors errors) {
        DynamoDbBackupPropertiesValidator.validate((DynamoDbBackupProperties) target, errors);
    }

    /** {@code ddb.backup.rate-limits.*}: the client's own token buckets, per operation. */
    public static class RateLimitsProperties {

        /** Whether the client paces its own calls. false sends every call at once (not for shared accounts). */
        private boolean enabled = true;

        /** Callers that may wait for one operation's permit; the next is refused at once. */
        private int maxWaiters = RateLimits.DEFAULT_MAX_WAITERS;

        /** How much the 1-second window is stretched to absorb timer and network jitter, 0..1s. */
        private Duration jitterMargin = RateLimits.DEFAULT_JITTER_MARGIN;

        private final OperationRateLimit createBackup = OperationRateLimit.byDefault(Operation.CREATE_BACKUP);

        private final OperationRateLimit describeBackup = OperationRateLimit.byDefault(Operation.DESCRIBE_BACKUP);

        private final OperationRateLimit deleteBackup = OperationRateLimit.byDefault(Operation.DELETE_BACKUP);

        private final OperationRateLimit listBackups = OperationRateLimit.byDefault(Operation.LIST_BACKUPS);

        private final OperationRateLimit listTables = OperationRateLimit.byDefault(Operation.LIST_TABLES);

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getMaxWaiters() {
            return maxWaiters;
        }

        public void setMaxWaiters(int maxWaiters) {
            this.maxWaiters = maxWaiters;
        }

        public Duration getJitterMargin() {
            return jitterMargin;
        }

        public void setJitterMargin(Duration jitterMargin) {
            this.jitterMargin = jitterMargin;
        }

        public OperationRateLimit getCreateBackup() {
            return createBackup;
        }

        public OperationRateLimit getDescribeBackup() {
            return describeBackup;
        }

        public OperationRateLimit getDeleteBackup() {
            return deleteBackup;
        }

        public OperationRateLimit getListBackups() {
            return listBackups;
        }

        public OperationRateLimit getListTables() {
            return listTables;
        }

        /** Each operation's limit by the name of its property group, e.g. {@code create-backup}. */
        Map<String, OperationRateLimit> operations() {
            Map<String, OperationRateLimit> operations = new LinkedHashMap<>();
            for (OperationRateLimit limit : List.of(createBackup, describeBackup, deleteBackup, listBackups,
                    listTables)) {
                operations.put(limit.operation().name().replaceAll("([a-z])([A-Z])", "$1-$2")
                        .toLowerCase(Locale.ROOT), limit);
            }
            return operations;
        }

        /** The client's limits: {@link RateLimits#DEFAULT} with each operation's properties applied. */
        public RateLimits toRateLimits() {
            RateLimits limits = enabled ? RateLimits.DEFAULT : RateLimits.NONE;
            limits = limits.withMaxWaiters(maxWaiters).withJitterMargin(jitterMargin);
            if (!enabled) {
                return limits;
            }
            for (OperationRateLimit operation : operations().values()) {
                limits = operation.permitsPerSecond == 0 ? limits.without(operation.operation())
                        : limits.with(operation.operation(), operation.toRateLimit());
            }
            return limits;
        }
    }

    /** The limit of one operation, e.g. {@code ddb.backup.rate-limits.create-backup.permits-per-second=50}. */
    public static class OperationRateLimit {

        private @Nullable Operation<?, ?> operation;

        /** Most calls starting in any 1-second window; 0 turns limiting of this operation off. */
        private double permitsPerSecond;

        /** Calls that may start at once after a quiet period, 1..ceil(permits-per-second); carved out of the rate. */
        private int burst;

        /** The operation's limit as {@link RateLimits#DEFAULT} has it; not limited when it has none. */
        static OperationRateLimit byDefault(Operation<?, ?> operation) {
            RateLimit documented = RateLimits.DEFAULT.forOperation(operation).orElse(null);
            OperationRateLimit limit = new OperationRateLimit();
            limit.operation = operation;
            limit.permitsPerSecond = documented == null ? 0 : documented.permitsPerSecond();
            limit.burst = documented == null ? 1 : documented.burst();
            return limit;
        }

        /** The operation limited; set for every group this class creates, absent only on one bound from nothing. */
        Operation<?, ?> operation() {
            return Objects.requireNonNull(operation, "operation");
        }

        public double getPermitsPerSecond() {
            return permitsPerSecond;
        }

        public void setPermitsPerSecond(double permitsPerSecond) {
            this.permitsPerSecond = permitsPerSecond;
        }

        public int getBurst() {
            return burst;
        }

        public void setBurst(int burst) {
            this.burst = burst;
        }

        RateLimit toRateLimit() {
            return new RateLimit(permitsPerSecond, burst);
        }
    }

    /** {@code ddb.backup.timeouts.*}. */
    public static class TimeoutsProperties {

        /** Establishing a TCP (and TLS) connection. */
        private Duration connect = Timeouts.DEFAULT.connect();

        /** One HTTP exchange, from sending the request to the last byte of the response. */
        private Duration perAttempt = Timeouts.DEFAULT.perAttempt();

        /** A whole call: the rate-limit wait, every attempt and the delays between them. */
        private Duration overall = Timeouts.DEFAULT.overall();

        public Duration getConnect() {
            return connect;
        }

        public void setConnect(Duration connect) {
            this.connect = connect;
        }

        public Duration getPerAttempt() {
            return perAttempt;
        }

        public void setPerAttempt(Duration perAttempt) {
            this.perAttempt = perAttempt;
        }

        public Duration getOverall() {
            return overall;
        }

        public void setOverall(Duration overall) {
            this.overall = overall;
        }

        /** The client's {@link Timeouts}. */
        public Timeouts toTimeouts() {
            return new Timeouts(connect, perAttempt, overall);
        }
    }

    /** {@code ddb.backup.retry.*}: exponential backoff with jitter after retryable errors. */
    public static class RetryProperties {

        /** Total attempts including the first; 1 turns retries off. */
        private int maxAttempts = RetryPolicy.DEFAULT.maxAttempts();

        /** Delay before the first retry, doubled for each further one. */
        private Duration baseDelay = RetryPolicy.DEFAULT.baseDelay();

        /** Cap on one delay; at least base-delay. */
        private Duration maxDelay = RetryPolicy.DEFAULT.maxDelay();

        public int getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public Duration getBaseDelay() {
            return baseDelay;
        }

        public void setBaseDelay(Duration baseDelay) {
            this.baseDelay = baseDelay;
        }

        public Duration getMaxDelay() {
            return maxDelay;
        }

        public void setMaxDelay(Duration maxDelay) {
            this.maxDelay = maxDelay;
        }

        /** The client's {@link RetryPolicy}. */
        public RetryPolicy toRetryPolicy() {
            return new RetryPolicy(maxAttempts, baseDelay, maxDelay);
        }
    }

    /** {@code ddb.backup.metrics.*}: the client's meters and observations in the application's registries. */
    public static class MetricsProperties {

        /**
         * Whether the client publishes its meters to the application's MeterRegistry and one observation per call to
         * its ObservationRegistry, when the application has them (Actuator).
         */
        private boolean enabled = true;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }

    /** {@code ddb.backup.connection-pool.*}: the client's own connection pool, never shared with the application. */
    public static class ConnectionPoolProperties {

        /** Connections in the pool. */
        private int maxConnections = DynamoDbBackupClientBuilder.DEFAULT_MAX_CONNECTIONS;

        /** Callers that may wait for a pooled connection before a call fails at once. */
        private int pendingAcquireMax = DynamoDbBackupClientBuilder.DEFAULT_PENDING_ACQUIRE_MAX;

        public int getMaxConnections() {
            return maxConnections;
        }

        public void setMaxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
        }

        public int getPendingAcquireMax() {
            return pendingAcquireMax;
        }

        public void setPendingAcquireMax(int pendingAcquireMax) {
            this.pendingAcquireMax = pendingAcquireMax;
        }
    }

    /**
     * {@code ddb.backup.redis.*}: one budget shared with every instance using the same Redis, instead of the client's
     * own buckets (needs {@code ddb-backup-rate-limit-redis} on the classpath). The limits are still those of
     * {@code ddb.backup.rate-limits.*}: give every instance the same.
     */
    public static class RedisProperties {

        /**
         * Redis to keep the shared budget in: redis://[[user]:password@]host[:port][/database], rediss:// (TLS) or
         * redis-sentinel://. Setting it turns the shared budget on. The password is never shown in messages.
         */
        private @Nullable String uri;

        /**
         * How many instances share the budget: while Redis is unavailable each goes on with 1/instances of it from a
         * local bucket. Default: unset, calls fail with RedisUnavailableException while Redis is unavailable (fail
         * closed).
         */
        private @Nullable Integer instances;

        /**
         * AWS account id the budget belongs to, for instances that sign with different access keys of one account
         * (temporary credentials). Default: one budget per access key.
         */
        private @Nullable String accountId;

        /** Prefix of the budget's Redis keys: instances share a budget only with the same prefix. */
        private String keyPrefix = "ddb-backup:rate-limit:";

        public @Nullable String getUri() {
            return uri;
        }

        public void setUri(@Nullable String uri) {
            this.uri = uri;
        }

        public @Nullable Integer getInstances() {
            return instances;
        }

        public void setInstances(@Nullable Integer instances) {
            this.instances = instances;
        }

        public @Nullable String getAccountId() {
            return accountId;
        }

        public void setAccountId(@Nullable String accountId) {
            this.accountId = accountId;
        }

        public String getKeyPrefix() {
            return keyPrefix;
        }

        public void setKeyPrefix(String keyPrefix) {
            this.keyPrefix = keyPrefix;
        }
    }
}
