package io.github.ddbbackup.core.error;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A CreateBackup or RestoreTableFromBackup request may have reached DynamoDB, but no usable answer came back (the
 * connection closed after the request was written, the attempt timed out, or the response was damaged). The backup, or
 * the restored table, may or may not exist. Neither operation has an idempotency token, so the client does not resend
 * it blindly: look with ListBackups for the backup name, or with DescribeTable for the restore's target table, before
 * trying again. Not retryable. What came back, if anything, is the cause.
 */
public final class AmbiguousOutcomeException extends ClientSideException {

    private final String operation;
    private final String tableName;
    private final String backupName;
    private final @Nullable String backupArn;

    /**
     * A CreateBackup that may or may not have happened.
     *
     * @param tableName  the table the backup was requested for
     * @param backupName the requested backup name
     * @param cause      why no usable answer came back
     */
    public AmbiguousOutcomeException(String tableName, String backupName, @Nullable Throwable cause) {
        this("CreateBackup", tableName, backupName, null, cause,
                "CreateBackup of table " + tableName + " as " + backupName, "");
    }

    private AmbiguousOutcomeException(String operation, String tableName, String backupName, @Nullable String backupArn,
                                      @Nullable Throwable cause, String what, String more) {
        super(what + " may or may not have happened: " + (cause != null ? cause.getMessage() : "no answer") + more,
                false, cause);
        this.operation = operation;
        this.tableName = tableName;
        this.backupName = backupName;
        this.backupArn = backupArn;
    }

    /**
     * A RestoreTableFromBackup that may or may not have happened: the target table may exist.
     *
     * @param targetTableName the table the restore was to create
     * @param backupArn       the backup restored
     * @param cause           why no usable answer came back
     */
    public static AmbiguousOutcomeException restore(String targetTableName, String backupArn,
                                                    @Nullable Throwable cause) {
        return new AmbiguousOutcomeException("RestoreTableFromBackup", targetTableName, "", backupArn, cause,
                restoreWhat(targetTableName, backupArn), "");
    }

    private static String restoreWhat(String targetTableName, String backupArn) {
        return "RestoreTableFromBackup of backup " + backupArn + " to table " + targetTableName;
    }

    /**
     * This ambiguity, still unresolved because looking for its result failed too: the backup, or the restored table,
     * may exist. The lookup's failure is named in the message and attached as suppressed.
     *
     * @param lookupFailure why ListBackups (or DescribeTable) could not tell
     * @return a new exception with the same cause, operation, table and backup
     */
    public AmbiguousOutcomeException lookupFailed(Throwable lookupFailure) {
        String arn = backupArn;
        boolean restore = arn != null;
        String what = arn != null ? restoreWhat(tableName, arn)
                : "CreateBackup of table " + tableName + " as " + backupName;
        String more = restore
                ? "; looking for the table with DescribeTable failed too, so it may exist: "
                : "; looking for the backup with ListBackups failed too, so it may exist: ";
        AmbiguousOutcomeException unresolved = new AmbiguousOutcomeException(operation, tableName, backupName,
                backupArn, getCause(), what, more + lookupFailure.getMessage());
        unresolved.addSuppressed(lookupFailure);
        return unresolved;
    }

    /** The operation whose outcome is unknown: {@code CreateBackup} or {@code RestoreTableFromBackup}. */
    public String operation() {
        return operation;
    }

    /** The table the backup was requested for; for a restore, the table it was to create. */
    public String tableName() {
        return tableName;
    }

    /** The requested backup name: what to look for with ListBackups; empty for a restore. */
    public String backupName() {
        return backupName;
    }

    /** For a restore, the backup restored; empty for CreateBackup. */
    public Optional<String> backupArn() {
        return Optional.ofNullable(backupArn);
    }
}
