package io.github.ddbbackup.examples;

import io.github.ddbbackup.examples.Report.Status;
import io.github.ddbbackup.examples.Report.TableResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What a backup job has done so far: the tables selected, one result per finished table, and the counts. Results
 * arrive from many threads; snapshots for the report and the progress display are consistent copies.
 */
final class JobRecord {

    private final Clock clock;
    private final Instant startedAt;
    private final String endpoint;
    private final String region;
    private final List<TableResult> results = new ArrayList<>();
    private int selected;
    private int created;
    private int failed;
    private int skipped;
    private long createCalls;
    private @Nullable Instant firstCallAt;
    private @Nullable Instant lastCallDoneAt;

    JobRecord(Clock clock, String endpoint, String region) {
        this.clock = clock;
        this.startedAt = clock.instant();
        this.endpoint = endpoint;
        this.region = region;
    }

    /** Counts one more selected table. */
    synchronized void select() {
        selected++;
    }

    /** Adds one finished table. */
    synchronized void add(TableResult result) {
        results.add(result);
        switch (result.status()) {
            case CREATED -> created++;
            case FAILED -> failed++;
            case SKIPPED -> skipped++;
        }
        if (result.status() != Status.SKIPPED && result.attempts() != null) {
            createCalls += result.attempts();
        }
    }

    /**
     * A table's CreateBackup calls took {@code took}, ending now: the achieved rate is measured over the span of the
     * calls, not over start-up and listing.
     */
    synchronized void callsFinished(Duration took) {
        Instant now = clock.instant();
        Instant began = now.minus(took);
        if (firstCallAt == null || began.isBefore(firstCallAt)) {
            firstCallAt = began;
        }
        lastCallDoneAt = now;
    }

    /** The counts now. */
    synchronized Counts counts() {
        double callSeconds = firstCallAt == null ? 0
                : Duration.between(firstCallAt, lastCallDoneAt).toNanos() / 1e9;
        return new Counts(selected, results.size(), created, failed, skipped, elapsedSeconds(clock.instant()),
                createCalls, callSeconds);
    }

    /** The report as of now; {@code finished} stamps {@code finishedAt}. */
    synchronized Report snapshot(boolean finished) {
        Instant now = clock.instant();
        Counts counts = counts();
        return new Report(iso(startedAt), finished ? iso(now) : null, endpoint, region,
                new Report.Summary(selected, created, failed, skipped, round(counts.elapsedSeconds(), 3),
                        round(counts.createCallsPerSecond(), 1)),
                results);
    }

    /** The failed tables, in the order they finished. */
    synchronized List<TableResult> failures() {
        return results.stream().filter(r -> r.status() == Status.FAILED).toList();
    }

    private double elapsedSeconds(Instant now) {
        return Duration.between(startedAt, now).toNanos() / 1e9;
    }

    private static String iso(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    /**
     * The counts at one moment.
     *
     * @param selected       tables selected so far
     * @param finished       tables with a result
     * @param created        backups created
     * @param failed         tables failed
     * @param skipped        tables skipped
     * @param elapsedSeconds since the job started
     * @param createCalls    CreateBackup calls made, every attempt counted
     * @param callSeconds    from the first CreateBackup call's start to the last one's end
     */
    record Counts(int selected, int finished, int created, int failed, int skipped, double elapsedSeconds,
                  long createCalls, double callSeconds) {

        double createCallsPerSecond() {
            return callSeconds > 0 ? createCalls / callSeconds : 0;
        }

        /** One line: how far the job is. */
        String progressLine() {
            return String.format(Locale.ROOT, "%s done, %d selected so far: %d created, %d failed,"
                            + " %d skipped; %.1f CreateBackup calls/s; %.1f s", Plural.of(finished, "table"), selected,
                    created, failed, skipped, createCallsPerSecond(), elapsedSeconds);
        }

        /** The closing line of a job. */
        String summaryLine() {
            return String.format(Locale.ROOT, "%s in %.1f s: %d created, %d failed, %d skipped;"
                            + " %.1f CreateBackup calls/s", Plural.of(finished, "table"), elapsedSeconds, created,
                    failed, skipped, createCallsPerSecond());
        }
    }
}
