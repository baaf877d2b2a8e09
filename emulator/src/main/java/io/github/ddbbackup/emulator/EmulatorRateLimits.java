package io.github.ddbbackup.emulator;

import io.github.ddbbackup.core.InvalidOptionException;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The most calls per operation the emulator admits in any 1-second window. Immutable; derive variants with
 * {@link #with} and {@link #without}.
 *
 * <p>The window slides: a call at time {@code t} (the emulator's clock) is counted against the calls admitted in
 * {@code (t - 1 s, t]}; if they already number the limit, it is answered {@code LimitExceededException} (HTTP 400) and
 * is not counted itself. So no 1-second window ever holds more admitted calls than the limit.
 */
public final class EmulatorRateLimits {

    /** CreateBackup: "You can call CreateBackup at a maximum rate of 50 times per second." (API reference) */
    public static final int CREATE_BACKUP_PER_SECOND = 50;
    /** DescribeBackup: 10 per second (API reference). */
    public static final int DESCRIBE_BACKUP_PER_SECOND = 10;
    /** DeleteBackup: 10 per second (API reference). */
    public static final int DELETE_BACKUP_PER_SECOND = 10;
    /** DescribeContinuousBackups: 10 per second (API reference). */
    public static final int DESCRIBE_CONTINUOUS_BACKUPS_PER_SECOND = 10;
    /** ListBackups: 5 per second (API reference). */
    public static final int LIST_BACKUPS_PER_SECOND = 5;
    /**
     * GetResources (Resource Groups Tagging API): no rate is documented; 5 per second, the client's default
     * ({@code RateLimits.GET_RESOURCES_PER_SECOND}), so that a client going faster is refused here.
     */
    public static final int GET_RESOURCES_PER_SECOND = 5;
    /** RestoreTableFromBackup: "at a maximum rate of 10 times per second" (API reference). */
    public static final int RESTORE_TABLE_FROM_BACKUP_PER_SECOND = 10;
    /** ListTagsOfResource: "up to 10 times per second, per account" (API reference). */
    public static final int LIST_TAGS_OF_RESOURCE_PER_SECOND = 10;
    /** TagResource: "up to five times per second, per account" (API reference). */
    public static final int TAG_RESOURCE_PER_SECOND = 5;
    /** UntagResource: "up to five times per second, per account" (API reference). */
    public static final int UNTAG_RESOURCE_PER_SECOND = 5;

    /**
     * DynamoDB's documented limits, the emulator's default: CreateBackup 50/s; DescribeBackup, DeleteBackup,
     * DescribeContinuousBackups, RestoreTableFromBackup, ListTagsOfResource 10/s; ListBackups, TagResource,
     * UntagResource 5/s. ListTables, CreateTable, DescribeTable, DeleteTable, DescribeTimeToLive, UpdateTimeToLive and
     * UpdateContinuousBackups have no documented per-second rate: unlimited. GetResources 5/s (undocumented; see
     * {@link #GET_RESOURCES_PER_SECOND}).
     */
    public static final EmulatorRateLimits DEFAULT = new EmulatorRateLimits(Map.ofEntries(
            Map.entry("CreateBackup", CREATE_BACKUP_PER_SECOND),
            Map.entry("DescribeBackup", DESCRIBE_BACKUP_PER_SECOND),
            Map.entry("DeleteBackup", DELETE_BACKUP_PER_SECOND),
            Map.entry("DescribeContinuousBackups", DESCRIBE_CONTINUOUS_BACKUPS_PER_SECOND),
            Map.entry("ListBackups", LIST_BACKUPS_PER_SECOND),
            Map.entry("RestoreTableFromBackup", RESTORE_TABLE_FROM_BACKUP_PER_SECOND),
            Map.entry("ListTagsOfResource", LIST_TAGS_OF_RESOURCE_PER_SECOND),
            Map.entry("TagResource", TAG_RESOURCE_PER_SECOND),
            Map.entry("UntagResource", UNTAG_RESOURCE_PER_SECOND),
            Map.entry("GetResources", GET_RESOURCES_PER_SECOND)));

    /** No limit on any operation (for benchmarks). */
    public static final EmulatorRateLimits NONE = new EmulatorRateLimits(Map.of());

    private final Map<String, Integer> perSecond;

    private EmulatorRateLimits(Map<String, Integer> perSecond) {
        this.perSecond = Collections.unmodifiableMap(new TreeMap<>(perSecond));
    }

    /** These limits with {@code operation} limited to {@code callsPerSecond} (at least 1). */
    public EmulatorRateLimits with(String operation, int callsPerSecond) {
        Objects.requireNonNull(operation, "operation");
        if (callsPerSecond < 1) {
            throw new InvalidOptionException("EmulatorRateLimits.callsPerSecond", callsPerSecond,
                    "at least 1 for " + operation + " (use without(operation) to lift the limit)");
        }
        Map<String, Integer> copy = new TreeMap<>(perSecond);
        copy.put(operation, callsPerSecond);
        return new EmulatorRateLimits(copy);
    }

    /** These limits with {@code operation} unlimited. */
    public EmulatorRateLimits without(String operation) {
        Map<String, Integer> copy = new TreeMap<>(perSecond);
        copy.remove(operation);
        return new EmulatorRateLimits(copy);
    }

    /** The limit of {@code operation} in calls per second; empty when unlimited. */
    public OptionalInt limit(String operation) {
        Integer limit = perSecond.get(operation);
        return limit == null ? OptionalInt.empty() : OptionalInt.of(limit);
    }

    /** Every limited operation and its calls per second, sorted by operation. */
    public Map<String, Integer> asMap() {
        return perSecond;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EmulatorRateLimits limits && limits.perSecond.equals(perSecond);
    }

    @Override
    public int hashCode() {
        return perSecond.hashCode();
    }

    @Override
    public String toString() {
        return "EmulatorRateLimits" + perSecond;
    }
}
