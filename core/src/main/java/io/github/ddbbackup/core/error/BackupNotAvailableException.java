package io.github.ddbbackup.core.error;

import io.github.ddbbackup.core.BackupStatus;

/** A backup that {@link DynamoDbBackupClient#awaitAvailable} waited for reached a status it will not leave (DELETED). */
public final class BackupNotAvailableException extends IllegalStateException {

    private final String backupArn;
    private final BackupStatus status;

    BackupNotAvailableException(String backupArn, BackupStatus status) {
        super("backup " + backupArn + " is " + status + " and will not become AVAILABLE");
        this.backupArn = backupArn;
        this.status = status;
    }

    public String backupArn() {
        return backupArn;
    }

    public BackupStatus status() {
        return status;
    }
}
