package io.github.ddbbackup.reactor;

import io.github.ddbbackup.core.error.AmbiguousOutcomeException;
import io.github.ddbbackup.ratelimit.RateLimiter;
import io.github.ddbbackup.ratelimit.RateLimits;
import io.github.ddbbackup.ratelimit.TokenBucketRateLimiter;
import io.netty.channel.ChannelOption;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * Configures and builds a {@link DynamoDbBackupClient}. Every option has a named default; {@link #build()} validates
 * them together and resolves what is not set (region, endpoint) the way the AWS SDK does.
 *
 * <p>{@code build()} may read the AWS config files and, for the default region chain, query the instance metadata
 * endpoint: call it at application start-up, not on an event loop.
 */
public final class DynamoDbBackupClientBuilder {

    /** Default cap on a response body: DynamoDB's backup responses are a few KiB. */
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;
    /** Default connections in the client's own pool. */
    public static final int DEFAULT_MAX_CONNECTIONS = 64;
    /** Default callers that may wait for a pooled connection before a call fails at once. */
    public static final int DEFAULT_PENDING_ACQUIRE_MAX = 1000;
    /** A connection idle this long is closed (DynamoDB's side closes idle connections after about a minute). */
    public static final Duration DEFAULT_MAX_IDLE_TIME = Duration.ofSeconds(20);
    /** A connection is renewed after this long, so DNS changes of the endpoint are followed. */
    public static final Duration DEFAULT_MAX_LIFE_TIME = Duration.ofMinutes(5);
    /** How often idle and expired connections are evicted in the background. */
    public static final Duration DEFAULT_EVICTION_INTERVAL = Duration.ofSeconds(10);
    /** The name of the client's connection pool, as it appears in Reactor Netty's logs and metrics. */
    public static final String POOL_NAME = "ddb-backup";
    /** The AWS SDK logger that prints canonical requests, session tokens included, at DEBUG. Keep it at INFO. */
    public static final String SDK_SIGNER_LOGGER =
            "software.amazon.awssdk.http.auth.aws.internal.signer.DefaultV4RequestSigner";

    private Region region;
    private String profileName;
    private URI endpointOverride;
    private boolean allowInsecureHttp;
    private IdentityProvider<? extends AwsCredentialsIdentity> credentialsProvider;
    private HttpClient httpClient;
    private ConnectionProvider connectionProvider;
    private UnaryOperator<HttpClient> httpClientCustomizer = UnaryOperator.identity();
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;
    private int pendingAcquireMaxCount = DEFAULT_PENDING_ACQUIRE_MAX;
    private RateLimits rateLimits = RateLimits.DYNAMODB_DEFAULTS;
    private RateLimiter rateLimiter;
    private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
    private Timeouts timeouts = Timeouts.DEFAULT;
    private Scheduler scheduler;
    private int maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
    private Function<String, String> environment = System::getenv;
    private Supplier<ProfileFile> profileFile = ProfileFile::defaultProfileFile;
    private ConnectionProvider.MeterRegistrar poolMetrics;
    private boolean resolveAmbiguousCreateBackup;

    DynamoDbBackupClientBuilder() {
    }

    /** The AWS region. Default: the AWS SDK's default region chain (environment, system property, profile, metadata). */
    public DynamoDbBackupClientBuilder region(String region) {
        this.region = Region.of(requireText("region", region));
        return this;
    }

    /** The AWS region. */
    public DynamoDbBackupClientBuilder region(Region region) {
        this.region = Objects.requireNonNull(region, "region");
        return this;
    }

    /** The profile for the default region, credentials and {@code endpoint_url}. Default: {@code AWS_PROFILE}, else "default". */
    public DynamoDbBackupClientBuilder profileName(String profileName) {
        this.profileName = requireText("profileName", profileName);
        return this;
    }

    /**
     * The endpoint, e.g. {@code http://127.0.0.1:8000} for the emulator. Default: {@code AWS_ENDPOINT_URL_DYNAMODB},
     * {@code AWS_ENDPOINT_URL}, the profile's {@code endpoint_url}, else DynamoDB's regional https endpoint.
     */
    public DynamoDbBackupClientBuilder endpointOverride(URI endpoint) {
        this.endpointOverride = Objects.requireNonNull(endpoint, "endpoint");
        return this;
    }

    /** Accept plain http for endpoints that are not loopback addresses. Default: false (loopback only). */
    public DynamoDbBackupClientBuilder allowInsecureHttp(boolean allow) {
        this.allowInsecureHttp = allow;
        return this;
    }

    /** Where credentials come from. Default: the AWS SDK's {@link DefaultCredentialsProvider}. */
    public DynamoDbBackupClientBuilder credentialsProvider(IdentityProvider<? extends AwsCredentialsIdentity> provider) {
        this.credentialsProvider = Objects.requireNonNull(provider, "credentialsProvider");
        return this;
    }

    /**
     * A Reactor Netty client to send requests with (for instance the application's, sharing its event loops and
     * pool). The client applies its own timeouts and turns off Reactor Netty's silent resend. It is never disposed by
     * {@link DynamoDbBackupClient#close()}.
     */
    public DynamoDbBackupClientBuilder httpClient(HttpClient httpClient) {
        this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
        return this;
    }

    /** A connection pool to share instead of the client's own; never disposed by the client. */
    public DynamoDbBackupClientBuilder connectionProvider(ConnectionProvider provider) {
        this.connectionProvider = Objects.requireNonNull(provider, "connectionProvider");
        return this;
    }

    /** Adjusts the Reactor Netty client after the defaults are applied (wiretap, proxy, TLS, metrics...). */
    public DynamoDbBackupClientBuilder httpClientCustomizer(UnaryOperator<HttpClient> customizer) {
        this.httpClientCustomizer = Objects.requireNonNull(customizer, "httpClientCustomizer");
        return this;
    }

    /** Connections in the client's own pool. Default {@value #DEFAULT_MAX_CONNECTIONS}. */
    public DynamoDbBackupClientBuilder maxConnections(int maxConnections) {
        this.maxConnections = atLeast("maxConnections", maxConnections, 1);
        return this;
    }

    /** Callers that may wait for a pooled connection. Default {@value #DEFAULT_PENDING_ACQUIRE_MAX}. */
    public DynamoDbBackupClientBuilder pendingAcquireMaxCount(int pendingAcquireMaxCount) {
        this.pendingAcquireMaxCount = atLeast("pendingAcquireMaxCount", pendingAcquireMaxCount, 1);
        return this;
    }

    /** The per-operation call rates of the client's own token buckets. Default {@link RateLimits#DYNAMODB_DEFAULTS}. */
    public DynamoDbBackupClientBuilder rateLimits(RateLimits rateLimits) {
        this.rateLimits = Objects.requireNonNull(rateLimits, "rateLimits");
        return this;
    }

    /** A rate limiter to use instead of the client's own token buckets (for instance one shared by many JVMs). */
    public DynamoDbBackupClientBuilder rateLimiter(RateLimiter rateLimiter) {
        this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
        return this;
    }

    /** When and how often to try again. Default {@link RetryPolicy#DEFAULT}. */
    public DynamoDbBackupClientBuilder retryPolicy(RetryPolicy retryPolicy) {
        this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
        return this;
    }

    /** Connect, per-attempt and overall time limits. Default {@link Timeouts#DEFAULT}. */
    public DynamoDbBackupClientBuilder timeouts(Timeouts timeouts) {
        this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
        return this;
    }

    /**
     * The scheduler for every timer of the client: backoff delays, rate-limit waits, timeouts, polling. Tests pass a
     * {@code VirtualTimeScheduler}. Default {@link Schedulers#parallel()}.
     */
    public DynamoDbBackupClientBuilder scheduler(Scheduler scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        return this;
    }

    /** The largest response body accepted. Default {@value #DEFAULT_MAX_RESPONSE_BYTES} bytes. */
    public DynamoDbBackupClientBuilder maxResponseBytes(int maxResponseBytes) {
        this.maxResponseBytes = atLeast("maxResponseBytes", maxResponseBytes, 1024);
        return this;
    }

    /**
     * What {@code createBackup} does when its request may have reached DynamoDB but no usable answer came back. Default
     * false: it fails with {@link AmbiguousOutcomeException}, and the caller decides. True: it pauses, looks for a
     * backup of that table with that name with ListBackups, returns it if found, and sends CreateBackup again only if
     * not (a few times at most). Turn it on only if your backup names are unique per table within minutes (names
     * with a timestamp are): a reused name could be answered with an earlier backup. {@code backupAll} always looks.
     */
    public DynamoDbBackupClientBuilder resolveAmbiguousCreateBackup(boolean resolve) {
        this.resolveAmbiguousCreateBackup = resolve;
        return this;
    }

    /** For tests: where environment variables are read. */
    DynamoDbBackupClientBuilder environment(Function<String, String> environment) {
        this.environment = Objects.requireNonNull(environment);
        return this;
    }

    /** For tests: the AWS config files. */
    DynamoDbBackupClientBuilder profileFile(Supplier<ProfileFile> profileFile) {
        this.profileFile = Objects.requireNonNull(profileFile);
        return this;
    }

    /** For tests: observe the client's own connection pool. */
    DynamoDbBackupClientBuilder poolMetrics(ConnectionProvider.MeterRegistrar registrar) {
        this.poolMetrics = Objects.requireNonNull(registrar);
        return this;
    }

    /**
     * Builds the client.
     *
     * @throws IllegalArgumentException when an option is invalid (the message names it)
     * @throws IllegalStateException    when no region is set and the default chain finds none
     */
    public DynamoDbBackupClient build() {
        warnIfTheSdkSignerLogsSecrets();
        String profile = profileName != null ? profileName
                : Optional.ofNullable(environment.apply("AWS_PROFILE")).filter(p -> !p.isBlank()).orElse("default");
        Region resolvedRegion = region != null ? region : defaultRegion(profile);
        URI endpoint = EndpointResolver.resolve(endpointOverride, resolvedRegion, environment,
                () -> profileFile.get().profile(profile).flatMap(p -> p.property("endpoint_url")),
                allowInsecureHttp);
        Scheduler timers = scheduler != null ? scheduler : Schedulers.parallel();
        IdentityProvider<? extends AwsCredentialsIdentity> identities = credentialsProvider != null
                ? credentialsProvider
                : DefaultCredentialsProvider.builder().profileName(profile).profileFile(profileFile).build();

        Disposable.Composite owned = Disposables.composite();
        HttpClient base = httpClient;
        if (base == null) {
            ConnectionProvider pool = connectionProvider;
            if (pool == null) {
                pool = ownPool();
                owned.add(pool);
            }
            base = HttpClient.create(pool);
        }
        HttpClient http = httpClientCustomizer.apply(base
                        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeouts.connect().toMillis())
                        .keepAlive(true))
                // Reactor Netty would resend once on some connection aborts; CreateBackup must never be resent blindly.
                .disableRetry(true);
        // Event loops and resolver ready before the first permit is spent (asynchronous: build() must not block).
        http.warmup().subscribe(null, error -> { });

        Clock wallClock = Clock.systemUTC();
        CallExecutor executor = new CallExecutor(
                new CredentialsCache(identities, Schedulers.boundedElastic(), wallClock),
                rateLimiter != null ? rateLimiter : TokenBucketRateLimiter.create(rateLimits, timers),
                new RequestSigner(endpoint, resolvedRegion.id(), wallClock).warmUp(),
                new HttpTransport(http, endpoint, maxResponseBytes),
                timers, timeouts, retryPolicy, endpoint, resolvedRegion.id());
        return new ReactorNettyBackupClient(executor, timers, owned, resolveAmbiguousCreateBackup, wallClock);
    }

    /**
     * The AWS SDK's signer prints each canonical request, session token included, at DEBUG. We cannot change its
     * logging; we can say so, once per client, before the first request is signed.
     */
    private static void warnIfTheSdkSignerLogsSecrets() {
        if (LoggerFactory.getLogger(SDK_SIGNER_LOGGER).isDebugEnabled()) {
            LoggerFactory.getLogger(DynamoDbBackupClientBuilder.class).warn("Logger {} is at DEBUG: the AWS SDK's "
                    + "signer logs canonical requests there, including X-Amz-Security-Token. Set it to INFO.",
                    SDK_SIGNER_LOGGER);
        }
    }

    private ConnectionProvider ownPool() {
        ConnectionProvider.Builder pool = ConnectionProvider.builder(POOL_NAME)
                .maxConnections(maxConnections)
                .pendingAcquireMaxCount(pendingAcquireMaxCount)
                .pendingAcquireTimeout(timeouts.connect())
                .maxIdleTime(DEFAULT_MAX_IDLE_TIME)
                .maxLifeTime(DEFAULT_MAX_LIFE_TIME)
                .evictInBackground(DEFAULT_EVICTION_INTERVAL);
        if (poolMetrics != null) {
            pool.metrics(true, () -> poolMetrics);
        }
        return pool.build();
    }

    private Region defaultRegion(String profile) {
        try {
            return DefaultAwsRegionProviderChain.builder().profileName(profile).profileFile(profileFile).build()
                    .getRegion();
        } catch (SdkClientException e) {
            throw new IllegalStateException("no region: set one with region(...), AWS_REGION, or the profile \""
                    + profile + "\" (" + e.getMessage() + ")", e);
        }
    }

    private static String requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + ": " + (value == null ? "null" : "\"" + value + "\"")
                    + " violates non-blank");
        }
        return value;
    }

    private static int atLeast(String field, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(field + ": " + value + " violates >= " + min);
        }
        return value;
    }
}
