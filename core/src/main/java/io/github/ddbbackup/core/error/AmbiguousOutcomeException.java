package io.github.ddbbackup.core.error;

import org.jspecify.annotations.Nullable;

/**
 * A CreateBackup request may have reached DynamoDB, but no usable answer came back (the connection closed after the
 * request was written, the attempt timed out, or the response was damaged). The backup may or may not exist. CreateBackup
 * has no idempotency token, so the client does not resend it blindly: look with ListBackups for the backup name
 * before trying again. Not retryable. What came back, if anything, is the cause.
 */
public final class AmbiguousOutcomeException extends ClientSideException {

    private final String tableName;
    private final String backupName;

    /**
     * @param tableName  the table the backup was requested for
     * @param backupName the requested backup name
     * @param cause      why no usable answer came back
     */
    public AmbiguousOutcomeException(String tableName, String backupName, @Nullable Throwable cause) {
        this(tableName, backupName, cause, "");
    }

    private AmbiguousOutcomeException(String tableName, String backupName, @Nullable Throwable cause, String more) {
        super("CreateBackup of table " + tableName + " as " + backupName + " may or may not have happened: "
                + (cause != null ? cause.getMessage() : "no answer") + more, false, cause);
        this.tableName = tableName;
        this.backupName = backupName;
    }

    /**
     * This ambiguity, still unresolved because looking for the backup failed too: the backup may exist. The lookup's
     * failure is named in the message and attached as suppressed.
     *
     * @param lookupFailure why ListBackups could not tell
     * @return a new exception with the same cause, table and backup name
     */
    public AmbiguousOutcomeException lookupFailed(Throwable lookupFailure) {
        AmbiguousOutcomeException unresolved = new AmbiguousOutcomeException(tableName, backupName, getCause(),
                "; looking for the backup with ListBackups failed too, so it may exist: "
                        + lookupFailure.getMessage());
        unresolved.addSuppressed(lookupFailure);
        return unresolved;
    }

    /** The table the backup was requested for. */
    public String tableName() {
        return tableName;
    }

    /** The requested backup name: what to look for with ListBackups. */
    public String backupName() {
        return backupName;
    }
}
