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

    /** An on-demand backup made through this API. */
    public static final BackupType USER = new BackupType("USER");
    /** Kept by DynamoDB when a table was deleted. */
    public static final BackupType SYSTEM = new BackupType("SYSTEM");
    /** Made by AWS Backup. */
    public static final BackupType AWS_BACKUP = new BackupType("AWS_BACKUP");

    /** Any value, known or not; prefer {@link #of} to get the shared constants. */
    public BackupType {
        Objects.requireNonNull(value, "value");
    }

    /**
     * The type for a value as DynamoDB sends it: one of the constants when known, a new instance otherwise.
     *
     * @param value the type text, e.g. {@code USER}
     * @return the type; never fails on an unknown value
     */
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
