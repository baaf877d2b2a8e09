package io.github.ddbbackup.emulator;

import io.github.ddbbackup.core.BackupDetails;
import io.github.ddbbackup.core.BackupType;
import io.github.ddbbackup.core.InvalidOptionException;
import io.github.ddbbackup.core.internal.UrlRedaction;
import io.github.ddbbackup.core.internal.Validation;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/**
 * An in-process DynamoDB endpoint for the on-demand backup API, on Reactor Netty's {@link HttpServer}: the JSON 1.0
 * protocol, SigV4 verification, DynamoDB's errors and rate limits, deterministic fault injection, and statistics for
 * assertions. The official AWS SDK accepts it as DynamoDB.
 *
 * <pre>{@code
 * try (DynamoDbEmulator emulator = DynamoDbEmulator.builder().build()) {
 *     URI endpoint = emulator.start();              // http://127.0.0.1:<free port>
 *     emulator.createTables("orders-", 3);          // orders-0, orders-1, orders-2, ACTIVE
 *     // point a client at endpoint, region DEFAULT_REGION, DEFAULT_ACCESS_KEY_ID / DEFAULT_SECRET_ACCESS_KEY
 * }
 * }</pre>
 *
 * <p>Operations served: CreateBackup, DescribeBackup, ListBackups, DeleteBackup, ListTables, CreateTable,
 * DeleteTable, DescribeTable, DescribeContinuousBackups; and STS's GetCallerIdentity (Query protocol, signed for
 * {@code sts}), answering the emulator's {@link #accountId()}. Table and backup state can also be set up directly
 * ({@link #createTable}, {@link #putBackup}, ...), before or after {@link #start()}; those direct calls are neither
 * requests nor calls in the {@link #stats()}.
 *
 * <p>{@link #start()} and {@link #close()} wait for the server to bind and to stop: call them from a test or a
 * {@code main} thread, never from an event loop. Requests themselves are served without blocking.
 */
public final class DynamoDbEmulator implements AutoCloseable {

    /** AWS's documented example access key id: obviously not a real key. */
    public static final String DEFAULT_ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    /** AWS's documented example secret access key: obviously not a real secret. */
    public static final String DEFAULT_SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    /** The region requests must be signed for unless the builder says otherwise. */
    public static final String DEFAULT_REGION = "us-east-1";
    /** The account id in the ARNs the emulator makes: AWS's documented example account. */
    public static final String DEFAULT_ACCOUNT_ID = "123456789012";
    /** Backups become AVAILABLE as soon as they are created (CreateBackup still answers CREATING). */
    public static final Duration DEFAULT_BACKUP_CREATION_DELAY = Duration.ZERO;
    /** Tables made by the CreateTable operation become ACTIVE at once (CreateTable still answers CREATING). */
    public static final Duration DEFAULT_TABLE_CREATION_DELAY = Duration.ZERO;
    /** Restored tables become ACTIVE at once (RestoreTableFromBackup still answers CREATING). */
    public static final Duration DEFAULT_RESTORE_DELAY = Duration.ZERO;

    private static final String HOST = "127.0.0.1";
    private static final Duration BIND_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);
    private static final int EVENT_LOOP_THREADS = 2;

    /** The validated, immutable configuration; {@code sessionToken} may be {@code null}. */
    private record Settings(int port, String region, String accountId, String accessKeyId, String secretAccessKey,
                            @Nullable String sessionToken, Clock clock, Duration backupCreationDelay,
                            Duration tableCreationDelay, EmulatorRateLimits rateLimits,
                            boolean concurrentBackupsRejected, int requestLogCapacity, Duration restoreDelay) {

        @Override
        public String toString() {
            return "Settings[port=" + port + ", region=" + region + ", accessKeyId=" + accessKeyId + "]";
        }
    }

    private final Settings config;
    private final EmulatorState state;
    private final EmulatorStats stats;
    private final FaultInjector faults;
    private final RequestHandler handler;

    private @Nullable LoopResources loops;
    private @Nullable DisposableServer server;
    private @Nullable URI endpoint;

    private DynamoDbEmulator(Settings config) {
        this.config = config;
        this.state = new EmulatorState(config.region(), config.accountId(), config.backupCreationDelay(),
                config.concurrentBackupsRejected());
        this.stats = new EmulatorStats(config.requestLogCapacity(), state, config.clock());
        Operations operations = new Operations(state, config.tableCreationDelay(), config.restoreDelay());
        this.faults = new FaultInjector(operations.names());
        SignatureVerifier verifier = new SignatureVerifier(config.accessKeyId(), config.secretAccessKey(),
                Optional.ofNullable(config.sessionToken()), config.region(), config.clock());
        this.handler = new RequestHandler(verifier, operations, faults,
                new CallAdmission(config.rateLimits(), stats, config.clock()), stats, config.clock(), config.region(),
                config.accountId());
    }

    /** A builder with the {@code DEFAULT_*} settings. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds 127.0.0.1 on the configured port (0: a free one) and starts serving.
     *
     * @return the endpoint, {@code http://127.0.0.1:<port>}
     * @throws IllegalStateException when already started or closed
     */
    public synchronized URI start() {
        if (loops != null) {
            throw new IllegalStateException("the emulator was already started");
        }
        loops = LoopResources.create("ddb-emulator", 1, EVENT_LOOP_THREADS, true);
        try {
            server = HttpServer.create()
                    .host(HOST)
                    .port(config.port())
                    .runOn(loops)
                    .handle(handler::handle)
                    .bindNow(BIND_TIMEOUT);
        } catch (RuntimeException bindFailure) {
            loops.dispose();
            throw bindFailure;
        }
        endpoint = URI.create("http://" + HOST + ":" + server.port());
        return endpoint;
    }

    /**
     * The endpoint, {@code http://127.0.0.1:<port>}.
     *
     * @throws IllegalStateException before {@link #start()}
     */
    public synchronized URI endpoint() {
        if (endpoint == null) {
            throw new IllegalStateException("the emulator is not started");
        }
        return endpoint;
    }

    /** Whether it serves requests now: started and not closed. */
    synchronized boolean serving() {
        return server != null;
    }

    /** Stops serving, frees the port and the event loop threads it created. Idempotent. */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.disposeNow(SHUTDOWN_TIMEOUT);
            server = null;
        }
        if (loops != null) {
            // The blocking edge of the emulator, like disposeNow: close() returns once the threads are gone.
            loops.disposeLater(Duration.ZERO, SHUTDOWN_TIMEOUT).block(SHUTDOWN_TIMEOUT);
        }
    }

    // ---- state set-up ---------------------------------------------------------------------------------------------

    /**
     * Creates an ACTIVE, empty PAY_PER_REQUEST table keyed by the string attribute {@code pk}.
     *
     * @throws io.github.ddbbackup.core.RequestValidationException for an invalid name
     * @throws IllegalStateException                               when the table exists
     */
    public void createTable(String name) {
        Validation.tableName("TableName", name);
        try {
            state.createTable(EmulatorState.simpleTable(name), config.clock().instant(), Duration.ZERO);
        } catch (ServiceError exists) {
            throw new IllegalStateException("table: \"" + name + "\" violates must not exist yet");
        }
    }

    /**
     * Creates {@code count} tables named {@code prefix} followed by their index 0..count-1, zero-padded to the width
     * of {@code count - 1} (so that name order is index order): {@code createTables("t-", 12)} makes {@code t-00} to
     * {@code t-11}.
     *
     * @return the names, in order
     */
    public List<String> createTables(String prefix, int count) {
        Objects.requireNonNull(prefix, "prefix");
        if (count < 0) {
            throw new IllegalArgumentException("count: " + count + " violates at least 0");
        }
        int width = Integer.toString(Math.max(count - 1, 0)).length();
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = prefix + String.format("%0" + width + "d", i);
            createTable(name);
            names.add(name);
        }
        return List.copyOf(names);
    }

    /**
     * Deletes a table at once (its backups remain, as in DynamoDB).
     *
     * @return whether it existed
     */
    public boolean deleteTable(String name) {
        return state.removeTable(name);
    }

    /** Whether a table of that name exists (in any status). */
    public boolean hasTable(String name) {
        return state.hasTable(name);
    }

    /**
     * Puts an existing table in CREATING status for {@code duration} from now (the emulator's clock); meanwhile
     * CreateBackup answers TableInUseException.
     */
    public void setTableCreating(String name, Duration duration) {
        if (duration == null || duration.isNegative()) {
            throw new IllegalArgumentException("duration: " + duration + " violates must be zero or positive");
        }
        state.setActiveAt(name, config.clock().instant().plus(duration));
    }

    /**
     * Switches backups of an existing table off or on: while off, CreateBackup answers
     * ContinuousBackupsUnavailableException and DescribeContinuousBackups reports DISABLED.
     */
    public void setContinuousBackupsAvailable(String name, boolean available) {
        state.setContinuousBackupsAvailable(name, available);
    }

    /** Sets the item count of an existing table, which its backups, and tables restored from them, report. */
    public void setItemCount(String name, long count) {
        if (count < 0) {
            throw new IllegalArgumentException("count: " + count + " violates at least 0");
        }
        state.setItemCount(name, count);
    }

    /**
     * Sets what RestoreTableFromBackup does not carry over, on an existing table: its tags (replacing any), its time
     * to live (enabled on {@code timeToLiveAttribute}, or disabled for {@code null}) and its point-in-time recovery.
     */
    public void configureTable(String name, Map<String, String> tags, @Nullable String timeToLiveAttribute,
                               boolean pointInTimeRecovery) {
        Objects.requireNonNull(tags, "tags");
        state.configure(name, tags, timeToLiveAttribute, pointInTimeRecovery, config.clock().instant());
    }

    /**
     * The most restores in progress at once so far (restored tables still CREATING, counted when each restore was
     * accepted); DynamoDB, and the emulator, refuse a restore beyond 50.
     */
    public int mostRestoresInProgress() {
        return state.mostRestoresInProgress();
    }

    /** The tags of an existing table, by key. */
    public Map<String, String> tags(String name) {
        return state.tagsOf(name);
    }

    /**
     * Adds a backup of an existing table directly, of any type, created now by the emulator's clock: e.g. SYSTEM
     * (expiring 35 days later) or AWS_BACKUP backups, which no client call can make.
     */
    public BackupDetails putBackup(String tableName, String backupName, BackupType type) {
        Validation.backupName(backupName);
        return state.putBackup(tableName, backupName, Objects.requireNonNull(type, "type"),
                config.clock().instant());
    }

    /**
     * Replaces an existing table's tags, which the Resource Groups Tagging API's GetResources (served on the same
     * port) filters on; {@code Map.of()} removes them all.
     */
    public void setTags(String name, Map<String, String> tags) {
        state.setTags(name, Map.copyOf(tags));
    }

    /** The ARN DynamoDB gives a table of this name in the emulator's partition, region and account. */
    public String tableArn(String name) {
        return state.tableArn(name);
    }

    // ---- configuration and observation ----------------------------------------------------------------------------

    /** What the emulator observed: requests, calls, rate-limit refusals, backups. */
    public EmulatorStats stats() {
        return stats;
    }

    /** The fault plans, per operation; changes apply to the next calls. */
    public FaultInjector faults() {
        return faults;
    }

    /** The region requests must be signed for. */
    public String region() {
        return config.region();
    }

    /** The account id in ARNs. */
    public String accountId() {
        return config.accountId();
    }

    /** The access key id requests must be signed with. */
    public String accessKeyId() {
        return config.accessKeyId();
    }

    /** The secret the emulator verifies signatures with (the configured one, or {@link #DEFAULT_SECRET_ACCESS_KEY}). */
    public String secretAccessKey() {
        return config.secretAccessKey();
    }

    /** The session token requests must carry, if one was configured. */
    public Optional<String> sessionToken() {
        return Optional.ofNullable(config.sessionToken());
    }

    /** The call-rate limits in force. */
    public EmulatorRateLimits rateLimits() {
        return config.rateLimits();
    }

    @Override
    public synchronized String toString() {
        return "DynamoDbEmulator[endpoint=" + (endpoint == null ? "not started" : endpoint) + ", region="
                + config.region() + ", accessKeyId=" + config.accessKeyId() + "]";
    }

    /** Configures an emulator; {@link #build()} validates. Defaults are the {@code DEFAULT_*} constants. */
    public static final class Builder {

        private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");
        private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

        private int port;
        private String region = DEFAULT_REGION;
        private String accountId = DEFAULT_ACCOUNT_ID;
        private String accessKeyId = DEFAULT_ACCESS_KEY_ID;
        private String secretAccessKey = DEFAULT_SECRET_ACCESS_KEY;
        private @Nullable String sessionToken;
        private Clock clock = Clock.systemUTC();
        private Duration backupCreationDelay = DEFAULT_BACKUP_CREATION_DELAY;
        private Duration tableCreationDelay = DEFAULT_TABLE_CREATION_DELAY;
        private Duration restoreDelay = DEFAULT_RESTORE_DELAY;
        private EmulatorRateLimits rateLimits = EmulatorRateLimits.DEFAULT;
        private boolean concurrentBackupsRejected;
        private int requestLogCapacity = EmulatorStats.DEFAULT_REQUEST_LOG_CAPACITY;

        private Builder() {
        }

        /** The port to bind on 127.0.0.1; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The region requests must be signed for, and that ARNs name. */
        public Builder region(String region) {
            this.region = region;
            return this;
        }

        /** The 12-digit account id that ARNs name. */
        public Builder accountId(String accountId) {
            this.accountId = accountId;
            return this;
        }

        /** The only credentials whose signatures are accepted. */
        public Builder credentials(String accessKeyId, String secretAccessKey) {
            this.accessKeyId = accessKeyId;
            this.secretAccessKey = secretAccessKey;
            return this;
        }

        /**
         * When set, every request must carry this {@code X-Amz-Security-Token} (and sign it); when not set, a request
         * carrying one is refused. Either way the answer is UnrecognizedClientException.
         */
        public Builder sessionToken(@Nullable String sessionToken) {
            this.sessionToken = sessionToken;
            return this;
        }

        /** The emulator's clock: timestamps, the rate limit window, signature expiry, CREATING durations. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** How long a backup stays CREATING (computed from the clock when asked; no timer). */
        public Builder backupCreationDelay(Duration delay) {
            this.backupCreationDelay = delay;
            return this;
        }

        /** How long a table made by the CreateTable operation stays CREATING. */
        public Builder tableCreationDelay(Duration delay) {
            this.tableCreationDelay = delay;
            return this;
        }

        /**
         * How long a table made by RestoreTableFromBackup stays CREATING; while it is, it counts toward the 50
         * restores an account may have in progress.
         */
        public Builder restoreDelay(Duration delay) {
            this.restoreDelay = delay;
            return this;
        }

        /** The call-rate limits; {@link EmulatorRateLimits#DEFAULT} by default. */
        public Builder rateLimits(EmulatorRateLimits rateLimits) {
            this.rateLimits = rateLimits;
            return this;
        }

        /**
         * Whether CreateBackup answers BackupInUseException while another backup of the same table is still
         * CREATING. Off by default: DynamoDB documents BackupInUseException for conflicting control-plane operations
         * on the table (a backup being created, deleted or restored) without saying that two on-demand backups
         * conflict, and accepts several; switch it on to test a client against the stricter reading.
         */
        public Builder rejectConcurrentBackups(boolean reject) {
            this.concurrentBackupsRejected = reject;
            return this;
        }

        /** How many requests {@link EmulatorStats#requests()} keeps (0: none; counts stay exact). */
        public Builder requestLogCapacity(int capacity) {
            this.requestLogCapacity = capacity;
            return this;
        }

        /** @throws InvalidOptionException naming the first invalid setting (a secret only redacted) */
        public DynamoDbEmulator build() {
            if (port < 0 || port > 65_535) {
                throw new InvalidOptionException("port", port, "range 0..65535");
            }
            if (region == null || !REGION.matcher(region).matches()) {
                throw new InvalidOptionException("region", region, "pattern " + REGION);
            }
            if (accountId == null || !ACCOUNT_ID.matcher(accountId).matches()) {
                throw new InvalidOptionException("accountId", accountId, "pattern " + ACCOUNT_ID);
            }
            if (accessKeyId == null || accessKeyId.isBlank() || accessKeyId.contains("/")) {
                throw new InvalidOptionException("accessKeyId", accessKeyId, "non-blank, without '/'");
            }
            if (secretAccessKey == null || secretAccessKey.isBlank()) {
                throw new InvalidOptionException("secretAccessKey", redacted(secretAccessKey), "non-blank");
            }
            if (sessionToken != null && sessionToken.isBlank()) {
                throw new InvalidOptionException("sessionToken", redacted(sessionToken), "non-blank when set");
            }
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(rateLimits, "rateLimits");
            checkDelay("backupCreationDelay", backupCreationDelay);
            checkDelay("tableCreationDelay", tableCreationDelay);
            checkDelay("restoreDelay", restoreDelay);
            if (requestLogCapacity < 0) {
                throw new InvalidOptionException("requestLogCapacity", requestLogCapacity, "at least 0");
            }
            return new DynamoDbEmulator(new Settings(port, region, accountId, accessKeyId, secretAccessKey,
                    sessionToken, clock, backupCreationDelay, tableCreationDelay, rateLimits, concurrentBackupsRejected,
                    requestLogCapacity, restoreDelay));
        }

        private static void checkDelay(String name, Duration delay) {
            if (delay == null || delay.isNegative()) {
                throw new InvalidOptionException(name, delay, "zero or positive");
            }
        }

        /** A secret as an error may show it: whether it was given, never what it is. */
        private static @Nullable String redacted(@Nullable String secret) {
            return secret == null ? null : UrlRedaction.MARK;
        }

        @Override
        public String toString() {
            return "DynamoDbEmulator.Builder[port=" + port + ", region=" + region + ", accessKeyId=" + accessKeyId
                    + ", sessionToken=" + (sessionToken == null ? "none" : ReceivedRequest.REDACTED) + "]";
        }
    }
}
