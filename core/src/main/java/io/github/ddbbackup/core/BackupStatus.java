package io.github.ddbbackup.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * A backup's status. Not a Java enum: DynamoDB may add values later (its own text still mentions {@code ACTIVE}), and
 * an unknown value is kept as received rather than failing the response. Compare with {@link #equals}.
 *
 * @param value the status exactly as DynamoDB sent it
 */
public record BackupStatus(@JsonValue String value) {

    /** Being created: not restorable yet. */
    public static final BackupStatus CREATING = new BackupStatus("CREATING");
    /** Deleted: will never become available. */
    public static final BackupStatus DELETED = new BackupStatus("DELETED");
    /** Complete and restorable. */
    public static final BackupStatus AVAILABLE = new BackupStatus("AVAILABLE");

    /** Any value, known or not; prefer {@link #of} to get the shared constants. */
    public BackupStatus {
        Objects.requireNonNull(value, "value");
    }

    /**
     * The status for a value as DynamoDB sends it: one of the constants when known, a new instance otherwise.
     *
     * @param value the status text, e.g. {@code AVAILABLE}
     * @return the status; never fails on an unknown value
     */
    @JsonCreator
    public static BackupStatus of(String value) {
        return switch (value) {
            case "CREATING" -> CREATING;
            case "DELETED" -> DELETED;
            case "AVAILABLE" -> AVAILABLE;
            default -> new BackupStatus(value);
        };
    }

    /** Whether this is one of the values this library knows (CREATING, DELETED, AVAILABLE). */
    public boolean isKnown() {
        return this.equals(CREATING) || this.equals(DELETED) || this.equals(AVAILABLE);
    }

    @Override
    public String toString() {
        return value;
    }
}
