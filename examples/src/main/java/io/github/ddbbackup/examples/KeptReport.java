package io.github.ddbbackup.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The job's report, kept whatever happens to its file: when {@code --report} can no longer be written (its disk full,
 * its directory gone), every later version goes to a copy in a new owner-only directory under the system's temporary
 * directory, and the job goes on. The report is the record of the backups already made: without it a rerun would
 * make them again.
 */
final class KeptReport {

    private final ReportFile asked;
    private ReportFile current;
    private @Nullable String failure;

    KeptReport(ReportFile asked) {
        this.asked = asked;
        this.current = asked;
    }

    /** Writes {@code report} off the event loops. */
    Mono<Void> write(Report report) {
        return Mono.<Void>fromRunnable(() -> writeNow(report)).subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * Writes {@code report} where the report is kept; blocks on the disk.
     *
     * @throws UncheckedIOException when the copy cannot be written either
     */
    synchronized void writeNow(Report report) {
        try {
            current.writeNow(report);
        } catch (UncheckedIOException e) {
            if (current != asked) {
                throw e;
            }
            failure = IoFailure.reason(Objects.requireNonNull(e.getCause()));
            current = copy();
            current.writeNow(report);
        }
    }

    /** Where the report is now: the path asked for, or the copy after it failed. */
    synchronized Path path() {
        return current.path();
    }

    /** Why the report is not where it was asked to be, and where it is instead; empty while all is well. */
    synchronized Optional<String> failure() {
        return Optional.ofNullable(failure).map(reason -> "cannot write the report to " + asked.path() + " ("
                + reason + "); it is kept at " + current.path() + " instead");
    }

    private ReportFile copy() {
        try {
            Path directory = Files.createTempDirectory("ddb-backup-");
            return new ReportFile(directory.resolve(asked.path().getFileName()), asked.permissions());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report " + asked.path() + " nor a copy of it", e);
        }
    }
}
