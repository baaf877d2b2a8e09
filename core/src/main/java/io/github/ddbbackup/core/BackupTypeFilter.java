package io.github.ddbbackup.core;

/** The {@code BackupType} filter of ListBackups. {@link #ALL} lists every type. */
public enum BackupTypeFilter {
    USER, SYSTEM, AWS_BACKUP, ALL
}
