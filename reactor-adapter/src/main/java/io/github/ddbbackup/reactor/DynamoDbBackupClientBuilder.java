package io.github.ddbbackup.reactor;

import io.github.ddbbackup.core.internal.JsonProtocol;
import io.github.ddbbackup.core.InvalidOptionException;
import io.github.ddbbackup.core.error.AmbiguousOutcomeException;
import io.github.ddbbackup.ratelimit.RateLimiter;
import io.github.ddbbackup.ratelimit.RateLimits;
import io.github.ddbbackup.ratelimit.TokenBucketRateLimiter;
import io.github.ddbbackup.reactor.internal.RequestSigner;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.netty.channel.ChannelOption;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
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
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * Configures and builds a {@link DynamoDbBackupClient}. Every option has a named default; {@link #build()} validates
 * them together and resolves what is not set (region, endpoint) the way the AWS SDK does. An invalid option is refused
 * with an {@link InvalidOptionException} naming it (the setter's name, e.g. {@code maxConnections}), at once by its
 * setter, or by {@code build()} for the endpoint.
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

    private @Nullable Region region;
    private @Nullable AwsRegionProvider regionProvider;
    private @Nullable String profileName;
    private @Nullable URI endpointOverride;
    private boolean allowInsecureHttp;
    private @Nullable IdentityProvider<? extends AwsCredentialsIdentity> credentialsProvider;
    private @Nullable HttpClient httpClient;
    private @Nullable ConnectionProvider connectionProvider;
    private UnaryOperator<HttpClient> httpClientCustomizer = UnaryOperator.identity();
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;
    private int pendingAcquireMaxCount = DEFAULT_PENDING_ACQUIRE_MAX;
    private RateLimits rateLimits = RateLimits.DEFAULT;
    private @Nullable RateLimiter rateLimiter;
    private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
    private Timeouts timeouts = Timeouts.DEFAULT;
    private @Nullable Scheduler scheduler;
    private int maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
    private Function<String, String> environment = System::getenv;
    private Supplier<ProfileFile> profileFile = ProfileFile::defaultProfileFile;
    private ConnectionProvider.@Nullable MeterRegistrar poolMetrics;
    private boolean resolveAmbiguousCreateBackup;
    private @Nullable Exchange exchange;
    private Clock wallClock = Clock.systemUTC();
    private @Nullable Scheduler credentialsScheduler;
    private @Nullable MeterRegistry meterRegistry;
    private @Nullable ObservationRegistry observationRegistry;

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

    /**
     * Where {@link #build()} finds the region when none is set with {@link #region(String)}, in place of the AWS SDK's
     * default region chain (which may query the instance metadata service). Called once, by {@code build()}.
     */
    public DynamoDbBackupClientBuilder regionProvider(AwsRegionProvider regionProvider) {
        this.regionProvider = Objects.requireNonNull(regionProvider, "regionProvider");
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

    /**
     * Where credentials come from; never closed by the client. Default: the AWS SDK's
     * {@link DefaultCredentialsProvider}, created for the client and closed by {@link DynamoDbBackupClient#closeLater()}.
     */
    public DynamoDbBackupClientBuilder credentialsProvider(IdentityProvider<? extends AwsCredentialsIdentity> provider) {
        this.credentialsProvider = Objects.requireNonNull(provider, "credentialsProvider");
        return this;
    }

    /**
     * A Reactor Netty client to send requests with (for instance the application's, sharing its event loops and
     * pool). The client applies its own timeouts and turns off Reactor Netty's silent resend. Neither it nor its
     * resources are ever released by {@link DynamoDbBackupClient#closeLater()}.
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

    /**
     * Adds an adjustment of the Reactor Netty client (wiretap, proxy, TLS, metrics...), applied after the defaults and
     * after the adjustments added before it: each call adds one, so independent parts of an application (a framework's
     * event loops, the application's metrics) compose.
     */
    public DynamoDbBackupClientBuilder httpClientCustomizer(UnaryOperator<HttpClient> customizer) {
        Objects.requireNonNull(customizer, "httpClientCustomizer");
        UnaryOperator<HttpClient> before = this.httpClientCustomizer;
        this.httpClientCustomizer = http -> customizer.apply(before.apply(http));
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

    /** The per-operation call rates of the client's own token buckets. Default {@link RateLimits#DEFAULT}. */
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

    /**
     * Where the client publishes its meters (README, "Metrics"): calls by operation and outcome with their latency,
     * attempts, retries by cause, rate-limit permits and waits, ambiguous CreateBackup resolutions, {@code backupAll}
     * tables, and Reactor Netty's gauges of the client's own connection pool. Default: none. Micrometer is an optional
     * dependency: a client built without a registry loads none of its classes.
     */
    public DynamoDbBackupClientBuilder meterRegistry(MeterRegistry meterRegistry) {
        this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry");
        return this;
    }

    /**
     * Where the client reports one observation per call ({@code ddb.backup.call}: operation, endpoint host, outcome;
     * the request id as a high-cardinality value), so that Micrometer Tracing makes a span of each DynamoDB call.
     * Default: none.
     */
    public DynamoDbBackupClientBuilder observationRegistry(ObservationRegistry observationRegistry) {
        this.observationRegistry = Objects.requireNonNull(observationRegistry, "observationRegistry");
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
     * For tests: the transport that sends each signed request, in place of Reactor Netty (as WebClient's
     * {@code exchangeFunction}). No HTTP client, connection pool or event loop is then created, and the HTTP options
     * ({@link #httpClient}, {@link #connectionProvider}, pool sizes, {@link #maxResponseBytes}) go unused; everything
     * above the transport is built as for users.
     */
    DynamoDbBackupClientBuilder exchange(Exchange exchange) {
        this.exchange = Objects.requireNonNull(exchange);
        return this;
    }

    /** For tests: the wall clock that dates signatures and from which ambiguity look-backs start (a virtual one). */
    DynamoDbBackupClientBuilder wallClock(Clock wallClock) {
        this.wallClock = Objects.requireNonNull(wallClock);
        return this;
    }

    /**
     * For tests: where credentials are resolved. Default {@link Schedulers#boundedElastic()}, as providers may block;
     * {@link Schedulers#immediate()} keeps a call with static keys on the caller's thread (and on virtual time).
     */
    DynamoDbBackupClientBuilder credentialsScheduler(Scheduler credentialsScheduler) {
        this.credentialsScheduler = Objects.requireNonNull(credentialsScheduler);
        return this;
    }

    /**
     * Builds the client.
     *
     * @throws InvalidOptionException when the endpoint (from any source) is invalid; its option names the source
     *                                (e.g. {@code endpointOverride}, {@code AWS_ENDPOINT_URL_DYNAMODB})
     * @throws IllegalStateException  when no region is set and the default chain finds none
     */
    public DynamoDbBackupClient build() {
        warnIfTheSdkSignerLogsSecrets();
        String profile = profileName != null ? profileName
                : Optional.ofNullable(environment.apply("AWS_PROFILE")).filter(p -> !p.isBlank()).orElse("default");
        Region resolvedRegion = region != null ? region
                : regionProvider != null ? regionProvider.getRegion() : defaultRegion(profile);
        URI endpoint = EndpointResolver.resolve(endpointOverride, resolvedRegion, environment,
                () -> profileFile.get().profile(profile).flatMap(p -> p.property("endpoint_url")),
                allowInsecureHttp);
        Scheduler timers = scheduler != null ? scheduler : Schedulers.parallel();
        OwnedResources owned = new OwnedResources();
        IdentityProvider<? extends AwsCredentialsIdentity> identities = credentialsProvider;
        if (identities == null) {
            DefaultCredentialsProvider defaultChain =
                    DefaultCredentialsProvider.builder().profileName(profile).profileFile(profileFile).build();
            owned.add(defaultChain);
            identities = defaultChain;
        }

        CredentialsCache credentials = new CredentialsCache(identities,
                credentialsProvider != null ? CredentialsCache.sourceOf(credentialsProvider)
                        : CredentialsCache.defaultChain(profile),
                credentialsScheduler != null ? credentialsScheduler : Schedulers.boundedElastic(), wallClock);
        Exchange transport = exchange;
        Exchange taggingTransport = exchange;
        URI taggingEndpoint = EndpointResolver.sibling(endpoint, resolvedRegion, JsonProtocol.TAGGING_SIGNING_NAME);
        CallerAccount callerAccount = null;
        if (transport == null) {
            HttpClient http = reactorNettyClient(owned);
            transport = new HttpTransport(http, endpoint, maxResponseBytes);
            taggingTransport = taggingEndpoint.equals(endpoint) ? transport
                    : new HttpTransport(http, taggingEndpoint, maxResponseBytes);
            callerAccount = new CallerAccount(http, CallerAccount.endpointFor(endpoint, resolvedRegion),
                    resolvedRegion.id(), credentials, wallClock, timeouts.overall(), timers);
        }
        ClientEvents events = events(endpoint);
        RateLimiter local = rateLimiter != null ? rateLimiter : TokenBucketRateLimiter.create(rateLimits, timers);
        RateLimiter limiter = events == ClientEvents.NONE ? local : new ReportingRateLimiter(local, events, nanoTime());
        CallExecutor executor = new CallExecutor(
                credentials,
                limiter,
                new RequestSigner(endpoint, resolvedRegion.id(), wallClock).warmUp(),
                transport,
                timers, timeouts, retryPolicy, endpoint, resolvedRegion.id(), events);
        // The Resource Groups Tagging API: the same path of a call, signed for "tagging", sent as JSON 1.1, to the
        // region's tagging endpoint; its budget is keyed by the endpoint the call goes to.
        CallExecutor tagging = new CallExecutor(credentials, limiter,
                new RequestSigner(taggingEndpoint, resolvedRegion.id(), wallClock,
                        JsonProtocol.TAGGING_SIGNING_NAME, JsonProtocol.TAGGING_CONTENT_TYPE),
                Objects.requireNonNull(taggingTransport), timers, timeouts, retryPolicy, taggingEndpoint,
                resolvedRegion.id(), events);
        return new ReactorNettyBackupClient(executor, tagging, timers, owned, resolveAmbiguousCreateBackup,
                wallClock, callerAccount);
    }

    /**
     * Who watches the client: the registries' implementations are named only here, so that without a registry no
     * Micrometer class is loaded.
     */
    private ClientEvents events(URI endpoint) {
        ClientEvents events = ClientEvents.NONE;
        if (meterRegistry != null) {
            events = new MicrometerClientEvents(meterRegistry, nanoTime());
        }
        if (observationRegistry != null) {
            events = new ObservedClientEvents(observationRegistry, String.valueOf(endpoint.getHost()), events);
        }
        return events;
    }

    /**
     * The clock of latencies and permit waits: the scheduler given (virtual time in tests), else the JVM's nanosecond
     * clock (a scheduler's default {@code now} counts milliseconds).
     */
    private LongSupplier nanoTime() {
        Scheduler timers = scheduler;
        return timers != null ? () -> timers.now(TimeUnit.NANOSECONDS) : System::nanoTime;
    }

    /** The Reactor Netty client for DynamoDB and STS; a pool it creates itself goes into {@code owned}. */
    private HttpClient reactorNettyClient(OwnedResources owned) {
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
        return http;
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
        ConnectionProvider.MeterRegistrar registrar = poolMetrics;
        if (registrar == null && meterRegistry != null) {
            registrar = new PoolMeters(meterRegistry);
        }
        if (registrar != null) {
            ConnectionProvider.MeterRegistrar chosen = registrar;
            pool.metrics(true, () -> chosen);
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
            throw new InvalidOptionException(field, value, "non-blank");
        }
        return value;
    }

    private static int atLeast(String field, int value, int min) {
        if (value < min) {
            throw new InvalidOptionException(field, value, ">= " + min);
        }
        return value;
    }
}
