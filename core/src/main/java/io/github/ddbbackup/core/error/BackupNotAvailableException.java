package io.github.ddbbackup.core.error;

import io.github.ddbbackup.core.BackupStatus;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A backup that was waited for ({@code DynamoDbBackupClient.awaitAvailable}, or {@code backupAll} with a plan that
 * waits) was not confirmed AVAILABLE, for the {@link #reason()} given. DynamoDB answered normally (or not at all); it
 * is the client that concludes the wait is over. Not retryable. Only {@link Reason#DELETED} and {@link Reason#LOST}
 * mean the backup is gone: after {@link Reason#NOT_CONFIRMED_IN_TIME} it exists (CreateBackup made it), so creating
 * it again would double it.
 */
public final class BackupNotAvailableException extends ClientSideException {

    /** Why the wait ended without AVAILABLE. */
    public enum Reason {
        /** The backup reached DELETED, which it will not leave. */
        DELETED,
        /** Listed earlier, then neither listed nor found by DescribeBackup (BackupNotFoundException). */
        LOST,
        /** Not seen AVAILABLE before the wait's timeout; the backup exists and may still become available. */
        NOT_CONFIRMED_IN_TIME
    }

    private final String backupArn;
    private final @Nullable BackupStatus status;
    private final Reason reason;

    /**
     * A backup that reached a status it will not leave (DELETED).
     *
     * @param backupArn the backup waited for
     * @param status    the status it reached
     */
    public BackupNotAvailableException(String backupArn, BackupStatus status) {
        this(backupArn, status, Reason.DELETED,
                "backup " + backupArn + " is " + status + " and will not become AVAILABLE", null);
    }

    private BackupNotAvailableException(String backupArn, @Nullable BackupStatus status, Reason reason,
                                        String message, @Nullable Throwable cause) {
        super(message, false, cause);
        this.backupArn = backupArn;
        this.status = status;
        this.reason = reason;
    }

    /**
     * A backup listed earlier that disappeared: DescribeBackup no longer finds it.
     *
     * @param backupArn  the backup waited for
     * @param lastStatus the status it was last seen in
     * @param notFound   DescribeBackup's answer
     */
    public static BackupNotAvailableException lost(String backupArn, @Nullable BackupStatus lastStatus,
                                                   Throwable notFound) {
        return new BackupNotAvailableException(backupArn, lastStatus, Reason.LOST, "backup " + backupArn
                + " was listed" + (lastStatus == null ? "" : " " + lastStatus) + ", then neither listed nor found by"
                + " DescribeBackup: it is gone and will not become AVAILABLE", notFound);
    }

    /**
     * A backup not seen AVAILABLE within {@code timeout}. The message says that it exists, with its ARN, so that the
     * table is not backed up a second time.
     *
     * @param backupArn  the backup waited for, which CreateBackup created
     * @param lastStatus the status it was last seen in, or null when no listing or DescribeBackup showed it
     * @param timeout    how long it was waited for
     * @param lastError  why the last look failed, if it did (e.g. ListBackups throttled), else null
     */
    public static BackupNotAvailableException notConfirmedInTime(String backupArn, @Nullable BackupStatus lastStatus,
                                                                 Duration timeout, @Nullable Throwable lastError) {
        return new BackupNotAvailableException(backupArn, lastStatus, Reason.NOT_CONFIRMED_IN_TIME,
                "backup " + backupArn + " exists (CreateBackup created it) but was not seen AVAILABLE within "
                        + timeout + (lastStatus == null ? " (not seen since it was created)"
                        : " (last seen " + lastStatus + ")")
                        + (lastError == null ? "" : "; the last look failed: " + lastError.getMessage())
                        + "; do not back the table up again: the backup may still become AVAILABLE", lastError);
    }

    /** The backup waited for. */
    public String backupArn() {
        return backupArn;
    }

    /**
     * The status the backup reached (DELETED), or was last seen in; empty when nothing showed it after CreateBackup.
     */
    public Optional<BackupStatus> status() {
        return Optional.ofNullable(status);
    }

    /** Why the wait ended. */
    public Reason reason() {
        return reason;
    }

    /** Whether the backup still exists (the wait timed out): backing the table up again would double it. */
    public boolean backupExists() {
        return reason == Reason.NOT_CONFIRMED_IN_TIME;
    }
}
