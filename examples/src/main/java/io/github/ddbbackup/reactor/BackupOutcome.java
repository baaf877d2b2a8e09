package io.github.ddbbackup.reactor;

import io.github.ddbbackup.core.BackupDetails;
import java.time.Duration;
import java.util.Optional;

/** TEMPORARY STUB of the client branch's BackupOutcome; removed when branch {@code client} is merged. */
public record BackupOutcome(String table, Status status, String backupName, Optional<BackupDetails> details,
                            Optional<Throwable> error, Optional<String> skipReason, int attempts, Duration duration,
                            boolean recovered) {

    /** Stub. */
    public enum Status { CREATED, FAILED, SKIPPED }
}
