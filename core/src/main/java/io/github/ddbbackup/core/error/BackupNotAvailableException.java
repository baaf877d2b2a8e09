package io.github.ddbbackup.core.error;

import io.github.ddbbackup.core.BackupStatus;

/**
 * A backup that {@code DynamoDbBackupClient.awaitAvailable} waited for reached a status it will not leave
 * (DELETED). DynamoDB answered normally; it is the client that concludes the wait is over. Not retryable.
 */
public final class BackupNotAvailableException extends ClientSideException {

    private final String backupArn;
    private final BackupStatus status;

    /**
     * @param backupArn the backup waited for
     * @param status    the status it reached
     */
    public BackupNotAvailableException(String backupArn, BackupStatus status) {
        super("backup " + backupArn + " is " + status + " and will not become AVAILABLE", false, null);
        this.backupArn = backupArn;
        this.status = status;
    }

    /** The backup waited for. */
    public String backupArn() {
        return backupArn;
    }

    /** The status it reached and will not leave. */
    public BackupStatus status() {
        return status;
    }
}
