package io.github.ddbbackup.reactor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** TEMPORARY STUB of the client branch's BackupPlan; removed when branch {@code client} is merged. */
public record BackupPlan(String nameTemplate, int concurrency, boolean waitForAvailable, Duration availableTimeout,
                         Duration deadline, int inUseRetries, Clock clock) {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    public BackupPlan {
        if (nameTemplate == null || nameTemplate.isBlank()) {
            throw new IllegalArgumentException("nameTemplate: violates non-blank");
        }
        if (nameTemplate.replace("{table}", "").replace("{timestamp}", "").replace("{date}", "").matches(".*[{}].*")) {
            throw new IllegalArgumentException("nameTemplate: \"" + nameTemplate
                    + "\" violates placeholders {table}, {timestamp}, {date} only");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency: " + concurrency + " violates >= 1");
        }
    }

    public static BackupPlan defaults() {
        return new BackupPlan("{table}-{timestamp}", 64, false, Duration.ofMinutes(10), null, 3, Clock.systemUTC());
    }

    public static Builder builder() {
        return defaults().toBuilder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public String backupNameFor(String table, Instant at) {
        String name = nameTemplate.replace("{table}", table).replace("{timestamp}", TIMESTAMP.format(at))
                .replace("{date}", DATE.format(at)).replaceAll("[^a-zA-Z0-9_.-]", "_");
        return name.length() > 255 ? name.substring(0, 255) : name.length() < 3 ? name + "___" : name;
    }

    /** Stub builder. */
    public static final class Builder {
        private String nameTemplate;
        private int concurrency;
        private boolean waitForAvailable;
        private Duration availableTimeout;
        private Duration deadline;
        private int inUseRetries;
        private Clock clock;

        private Builder(BackupPlan p) {
            nameTemplate = p.nameTemplate;
            concurrency = p.concurrency;
            waitForAvailable = p.waitForAvailable;
            availableTimeout = p.availableTimeout;
            deadline = p.deadline;
            inUseRetries = p.inUseRetries;
            clock = p.clock;
        }

        public Builder nameTemplate(String v) {
            nameTemplate = v;
            return this;
        }

        public Builder concurrency(int v) {
            concurrency = v;
            return this;
        }

        public Builder waitForAvailable(boolean v) {
            waitForAvailable = v;
            return this;
        }

        public Builder availableTimeout(Duration v) {
            availableTimeout = v;
            return this;
        }

        public Builder deadline(Duration v) {
            deadline = v;
            return this;
        }

        public Builder inUseRetries(int v) {
            inUseRetries = v;
            return this;
        }

        public Builder clock(Clock v) {
            clock = v;
            return this;
        }

        public BackupPlan build() {
            return new BackupPlan(nameTemplate, concurrency, waitForAvailable, availableTimeout, deadline,
                    inUseRetries, clock);
        }
    }
}
