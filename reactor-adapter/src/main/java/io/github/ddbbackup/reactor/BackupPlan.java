package io.github.ddbbackup.reactor;

import io.github.ddbbackup.core.InvalidOptionException;
import io.github.ddbbackup.core.internal.Validation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How {@link DynamoDbBackupClient#backupAll} backs up many tables.
 *
 * @param nameTemplate     the backup name: {@code {table}}, {@code {timestamp}} (UTC {@code yyyyMMdd'T'HHmmss'Z'} of the
 *                         job's start) and {@code {date}} ({@code yyyyMMdd}) are replaced; characters outside
 *                         {@code [a-zA-Z0-9_.-]} become {@code -}; a name longer than 255 characters has its table part
 *                         shortened and suffixed with a short hash of the full table name, so names stay unique
 * @param concurrency      tables being created at once (the CreateBackup rate limit paces them; this bounds memory);
 *                         tables waiting for AVAILABLE are not counted
 * @param waitForAvailable whether each outcome waits until its backup is AVAILABLE: the job's one watcher confirms
 *                         the backups by paging ListBackups (up to 100 per call, at ListBackups' own rate limit), and a
 *                         table waiting holds no place of {@code concurrency}, so waiting never slows creating
 * @param availableTimeout how long to wait for AVAILABLE, from the backup's creation; then the table is FAILED with a
 *                         {@link io.github.ddbbackup.core.error.BackupNotAvailableException} saying that the backup
 *                         exists
 * @param deadline         the whole job's time budget; tables not started by then are SKIPPED; null for none
 * @param inUseRetries     how often a BackupInUseException (another operation on the table, outside the job) is tried
 *                         again, with backoff, before the table is reported FAILED
 * @param clock            the clock for {@code {timestamp}} and {@code {date}}
 */
public record BackupPlan(String nameTemplate, int concurrency, boolean waitForAvailable, Duration availableTimeout,
                         @Nullable Duration deadline, int inUseRetries, Clock clock) {

    /** The default backup name: the table, a dash, the job's start in UTC. */
    public static final String DEFAULT_NAME_TEMPLATE = "{table}-{timestamp}";
    /** The default tables in flight: enough to keep CreateBackup at its rate limit, few enough to bound memory. */
    public static final int DEFAULT_CONCURRENCY = 64;
    /** The default wait for AVAILABLE, when the plan waits. */
    public static final Duration DEFAULT_AVAILABLE_TIMEOUT = Duration.ofMinutes(10);
    /** The default tries again after BackupInUseException. */
    public static final int DEFAULT_IN_USE_RETRIES = 3;

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");
    private static final Pattern INVALID_CHARS = Pattern.compile("[^a-zA-Z0-9_.-]");
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    private static final int HASH_CHARS = 8;

    /**
     * {@value #DEFAULT_NAME_TEMPLATE}, concurrency 64, no waiting, 10 min available timeout, no deadline, 3 in-use
     * retries, the system UTC clock.
     */
    public static final BackupPlan DEFAULT = new BackupPlan(DEFAULT_NAME_TEMPLATE, DEFAULT_CONCURRENCY, false,
            DEFAULT_AVAILABLE_TIMEOUT, null, DEFAULT_IN_USE_RETRIES, Clock.systemUTC());

    /**
     * Validates the plan as a whole.
     *
     * @throws InvalidOptionException when an option breaks its rule (the message names it, e.g.
     *                                {@code BackupPlan.concurrency}), or the template could not render a valid
     *                                backup name
     */
    public BackupPlan {
        Objects.requireNonNull(nameTemplate, "nameTemplate");
        Matcher m = PLACEHOLDER.matcher(nameTemplate);
        while (m.find()) {
            String name = m.group(1);
            if (!name.equals("table") && !name.equals("timestamp") && !name.equals("date")) {
                throw new InvalidOptionException("BackupPlan.nameTemplate", nameTemplate,
                        "placeholders are {table}, {timestamp}, {date}; found {" + name + "}");
            }
        }
        if (concurrency < 1) {
            throw new InvalidOptionException("BackupPlan.concurrency", concurrency, ">= 1");
        }
        Objects.requireNonNull(availableTimeout, "availableTimeout");
        if (availableTimeout.isNegative() || availableTimeout.isZero()) {
            throw new InvalidOptionException("BackupPlan.availableTimeout", availableTimeout, "> 0");
        }
        if (deadline != null && (deadline.isNegative() || deadline.isZero())) {
            throw new InvalidOptionException("BackupPlan.deadline", deadline, "> 0");
        }
        if (inUseRetries < 0) {
            throw new InvalidOptionException("BackupPlan.inUseRetries", inUseRetries, ">= 0");
        }
        Objects.requireNonNull(clock, "clock");
        String fixed = render(nameTemplate, "", Instant.EPOCH);
        if (fixed.length() > Validation.BACKUP_NAME_MAX - HASH_CHARS - 2) {
            throw new InvalidOptionException("BackupPlan.nameTemplate", nameTemplate,
                    "leaves no room for the table name within 255 characters");
        }
        if (!nameTemplate.contains("{table}") && fixed.length() < Validation.BACKUP_NAME_MIN) {
            throw new InvalidOptionException("BackupPlan.nameTemplate", nameTemplate, "renders fewer than 3 characters");
        }
    }

    /** A builder starting from {@link #DEFAULT}. */
    public static Builder builder() {
        return DEFAULT.toBuilder();
    }

    /** A builder starting from this plan. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * The backup name of {@code table} for a job started {@code at}: always a valid BackupName (3..255 of
     * {@code [a-zA-Z0-9_.-]}). A table ARN contributes its table name.
     */
    public String backupNameFor(String table, Instant at) {
        String rawTable = table.startsWith("arn:") && table.contains(":table/")
                ? table.substring(table.indexOf(":table/") + 7) : table;
        // Sanitized first: one character per code point, so the shortening below counts what is rendered.
        String tablePart = INVALID_CHARS.matcher(rawTable).replaceAll("-");
        String name = render(nameTemplate, tablePart, at);
        if (name.length() > Validation.BACKUP_NAME_MAX) {
            int overflow = name.length() - Validation.BACKUP_NAME_MAX;
            String hash = shortHash(table);
            int keep = Math.max(0, tablePart.length() - overflow - hash.length() - 1);
            name = render(nameTemplate, tablePart.substring(0, keep) + "-" + hash, at);
        }
        if (name.length() < Validation.BACKUP_NAME_MIN) {
            // Only a table name too short to be valid gets here; the hash keeps the name valid and distinct.
            name = name + "-" + shortHash(table);
        }
        return name;
    }

    private static String render(String template, String tablePart, Instant at) {
        String raw = template.replace("{table}", tablePart)
                .replace("{timestamp}", TIMESTAMP.format(at))
                .replace("{date}", DATE.format(at));
        return INVALID_CHARS.matcher(raw).replaceAll("-");
    }

    private static String shortHash(String table) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(table.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** Collects options; {@link #build()} validates them. */
    public static final class Builder {
        private String nameTemplate;
        private int concurrency;
        private boolean waitForAvailable;
        private Duration availableTimeout;
        private @Nullable Duration deadline;
        private int inUseRetries;
        private Clock clock;

        private Builder(BackupPlan from) {
            nameTemplate = from.nameTemplate;
            concurrency = from.concurrency;
            waitForAvailable = from.waitForAvailable;
            availableTimeout = from.availableTimeout;
            deadline = from.deadline;
            inUseRetries = from.inUseRetries;
            clock = from.clock;
        }

        /** The backup name template; see {@link BackupPlan}. */
        public Builder nameTemplate(String nameTemplate) {
            this.nameTemplate = nameTemplate;
            return this;
        }

        /** Tables in flight at once, at least 1. */
        public Builder concurrency(int concurrency) {
            this.concurrency = concurrency;
            return this;
        }

        /** Whether each outcome waits until its backup is AVAILABLE. */
        public Builder waitForAvailable(boolean waitForAvailable) {
            this.waitForAvailable = waitForAvailable;
            return this;
        }

        /** How long to wait for AVAILABLE, when waiting. */
        public Builder availableTimeout(Duration availableTimeout) {
            this.availableTimeout = availableTimeout;
            return this;
        }

        /** The whole job's time budget; {@code null}: none. */
        public Builder deadline(@Nullable Duration deadline) {
            this.deadline = deadline;
            return this;
        }

        /** Tries again after BackupInUseException, at least 0. */
        public Builder inUseRetries(int inUseRetries) {
            this.inUseRetries = inUseRetries;
            return this;
        }

        /** The clock for {@code {timestamp}} and {@code {date}} (tests fix it). */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * The plan.
         *
         * @throws io.github.ddbbackup.core.RequestValidationException when an option breaks its rule
         */
        public BackupPlan build() {
            return new BackupPlan(nameTemplate, concurrency, waitForAvailable, availableTimeout, deadline,
                    inUseRetries, clock);
        }
    }
}
