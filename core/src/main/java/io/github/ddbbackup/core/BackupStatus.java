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

    public static final BackupStatus CREATING = new BackupStatus("CREATING");
    public static final BackupStatus DELETED = new BackupStatus("DELETED");
    public static final BackupStatus AVAILABLE = new BackupStatus("AVAILABLE");

    public BackupStatus {
        Objects.requireNonNull(value, "value");
    }

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
