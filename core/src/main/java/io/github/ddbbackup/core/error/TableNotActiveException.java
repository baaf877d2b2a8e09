package io.github.ddbbackup.core.error;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A table that was waited for ({@code DynamoDbBackupClient.awaitTableActive}) was not seen ACTIVE: it reached a
 * status from which it will not become ACTIVE by itself (DELETING, ARCHIVED, INACCESSIBLE_ENCRYPTION_CREDENTIALS...),
 * or the wait's timeout passed first. DynamoDB answered normally (or not at all); it is the client that concludes the
 * wait is over. Not retryable. After a timeout the table exists and may still become ACTIVE.
 */
public final class TableNotActiveException extends ClientSideException {

    private final String tableName;
    private final @Nullable String status;
    private final boolean timedOut;

    private TableNotActiveException(String tableName, @Nullable String status, boolean timedOut, String message,
                                    @Nullable Throwable cause) {
        super(message, false, cause);
        this.tableName = tableName;
        this.status = status;
        this.timedOut = timedOut;
    }

    /**
     * A table in a status it will not leave for ACTIVE by itself.
     *
     * @param tableName the table waited for
     * @param status    the status it reached
     */
    public static TableNotActiveException inStatus(String tableName, String status) {
        return new TableNotActiveException(tableName, status, false,
                "table " + tableName + " is " + status + " and will not become ACTIVE by itself", null);
    }

    /**
     * A table not seen ACTIVE within {@code timeout}.
     *
     * @param tableName  the table waited for
     * @param lastStatus the status it was last seen in, or null when DescribeTable never answered
     * @param timeout    how long it was waited for
     * @param lastError  why the last DescribeTable failed, if it did, else null
     */
    public static TableNotActiveException notActiveInTime(String tableName, @Nullable String lastStatus,
                                                          Duration timeout, @Nullable Throwable lastError) {
        return new TableNotActiveException(tableName, lastStatus, true, "table " + tableName
                + " was not seen ACTIVE within " + timeout + (lastStatus == null ? "" : " (last seen " + lastStatus
                + ")") + (lastError == null ? "" : "; the last look failed: " + lastError.getMessage()), lastError);
    }

    /** The table waited for. */
    public String tableName() {
        return tableName;
    }

    /** The status it reached, or was last seen in; empty when DescribeTable never answered. */
    public Optional<String> status() {
        return Optional.ofNullable(status);
    }

    /** Whether the wait timed out (the table may still become ACTIVE), rather than the table leaving the way. */
    public boolean timedOut() {
        return timedOut;
    }
}
