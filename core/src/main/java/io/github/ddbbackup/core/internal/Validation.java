package io.github.ddbbackup.core.internal;

import io.github.ddbbackup.core.RequestValidationException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The API reference's constraints on request members. Each check throws {@link RequestValidationException} naming the
 * member, the value and the rule, and returns the value when it passes.
 */
public final class Validation {

    /** The character rule shared by backup names and plain table names. */
    public static final String NAME_PATTERN = "[a-zA-Z0-9_.-]+";

    public static final int BACKUP_NAME_MIN = 3;
    public static final int BACKUP_NAME_MAX = 255;
    public static final int TABLE_NAME_MIN = 3;
    public static final int TABLE_NAME_MAX = 255;
    public static final int TABLE_NAME_OR_ARN_MIN = 1;
    public static final int TABLE_NAME_OR_ARN_MAX = 1024;
    public static final int BACKUP_ARN_MIN = 37;
    public static final int BACKUP_ARN_MAX = 1024;

    private static final Pattern NAME = Pattern.compile(NAME_PATTERN);
    private static final String TABLE_ARN_RULE = "arn:<partition>:dynamodb:<region>:<account>:table/<name>";
    private static final Pattern TABLE_ARN = Pattern.compile(
            "arn:(aws[a-zA-Z-]*):dynamodb:([a-z0-9-]+):(\\d{12}):table/([a-zA-Z0-9_.-]{3,255})");

    private Validation() {
    }

    /** BackupName: 3..255 characters of {@code [a-zA-Z0-9_.-]}. */
    public static String backupName(String value) {
        return name("BackupName", value, BACKUP_NAME_MIN, BACKUP_NAME_MAX);
    }

    /**
     * TableName as CreateBackup and ListBackups take it: 1..1024 characters, either a table name (3..255 of
     * {@code [a-zA-Z0-9_.-]}) or a table ARN ({@code arn:<partition>:dynamodb:<region>:<account>:table/<name>}).
     */
    public static String tableNameOrArn(String field, String value) {
        required(field, value);
        length(field, value, TABLE_NAME_OR_ARN_MIN, TABLE_NAME_OR_ARN_MAX);
        if (value.startsWith("arn:")) {
            if (!TABLE_ARN.matcher(value).matches()) {
                throw new RequestValidationException(field, value, "table ARN form " + TABLE_ARN_RULE);
            }
            return value;
        }
        return name(field, value, TABLE_NAME_MIN, TABLE_NAME_MAX);
    }

    /** A plain table name: 3..255 characters of {@code [a-zA-Z0-9_.-]}. */
    public static String tableName(String field, @Nullable String value) {
        return name(field, value, TABLE_NAME_MIN, TABLE_NAME_MAX);
    }

    /** BackupArn: 37..1024 characters. */
    public static String backupArn(String field, String value) {
        required(field, value);
        return length(field, value, BACKUP_ARN_MIN, BACKUP_ARN_MAX);
    }

    /** An optional member that must be one of {@code allowed}; {@code null} passes. */
    public static @Nullable String oneOf(String field, @Nullable String value, java.util.Set<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            throw new RequestValidationException(field, value, "one of " + new java.util.TreeSet<>(allowed));
        }
        return value;
    }

    /** An optional integer member within {@code min..max}; {@code null} passes. */
    public static @Nullable Integer range(String field, @Nullable Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            throw new RequestValidationException(field, value, "range " + min + ".." + max);
        }
        return value;
    }

    /** Whether {@code value} is a valid BackupName, without throwing. */
    public static boolean isValidBackupName(@Nullable String value) {
        return isValidName(value, BACKUP_NAME_MIN, BACKUP_NAME_MAX);
    }

    /** Whether {@code value} is a valid table name or table ARN ({@link #tableNameOrArn}), without throwing. */
    public static boolean isValidTableNameOrArn(@Nullable String value) {
        return value != null && value.length() <= TABLE_NAME_OR_ARN_MAX && (value.startsWith("arn:")
                ? TABLE_ARN.matcher(value).matches() : isValidName(value, TABLE_NAME_MIN, TABLE_NAME_MAX));
    }

    private static boolean isValidName(@Nullable String value, int min, int max) {
        return value != null && value.length() >= min && value.length() <= max && NAME.matcher(value).matches();
    }

    /** A required member: present. */
    public static <T> T required(String field, @Nullable T value) {
        if (value == null) {
            throw new RequestValidationException(field, null, "required");
        }
        return value;
    }

    private static String name(String field, @Nullable String nullable, int min, int max) {
        String value = length(field, nullable, min, max);
        if (!NAME.matcher(value).matches()) {
            throw new RequestValidationException(field, value, "pattern " + NAME_PATTERN);
        }
        return value;
    }

    /** A required string of {@code min..max} characters. */
    public static String length(String field, @Nullable String value, int min, int max) {
        String present = required(field, value);
        if (present.length() < min || present.length() > max) {
            throw new RequestValidationException(field, present, "length " + min + ".." + max);
        }
        return present;
    }
}
