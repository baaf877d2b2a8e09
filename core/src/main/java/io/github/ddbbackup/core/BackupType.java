package io.github.ddbbackup.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * Who made a backup: USER (on-demand), SYSTEM (kept when a table is deleted), AWS_BACKUP. Not a Java enum so that a
 * value DynamoDB adds later is kept as received rather than failing the response.
 *
 * @param value the type exactly as DynamoDB sent it
 */
public record BackupType(@JsonValue String value) {

    public static final BackupType USER = new BackupType("USER");
    public static final BackupType SYSTEM = new BackupType("SYSTEM");
    public static final BackupType AWS_BACKUP = new BackupType("AWS_BACKUP");

    public BackupType {
        Objects.requireNonNull(value, "value");
    }

    @JsonCreator
    public static BackupType of(String value) {
        return switch (value) {
            case "USER" -> USER;
            case "SYSTEM" -> SYSTEM;
            case "AWS_BACKUP" -> AWS_BACKUP;
            default -> new BackupType(value);
        };
    }

    /** Whether this is one of the values this library knows (USER, SYSTEM, AWS_BACKUP). */
    public boolean isKnown() {
        return this.equals(USER) || this.equals(SYSTEM) || this.equals(AWS_BACKUP);
    }

    @Override
    public String toString() {
        return value;
    }
}
