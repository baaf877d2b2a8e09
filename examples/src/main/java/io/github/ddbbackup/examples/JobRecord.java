package io.github.ddbbackup.examples;

import io.github.ddbbackup.examples.Report.Status;
import io.github.ddbbackup.examples.Report.TableResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.TreeMap;
import java.util.Map;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalInt;
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
    private final Map<String, TableSettings> settings = new TreeMap<>();
    private int selected;
    private OptionalInt total = OptionalInt.empty();
    private int created;
    private int failed;
    private int skipped;
    private final CreateBackupCalls calls;
    /** With {@code --regions}: each region's counts (indexes below), in the order the regions were given. */
    private final Map<String, int[]> byRegion = new LinkedHashMap<>();
    private static final int REQUESTED = 0;
    private static final int CREATED = 1;
    private static final int FAILED = 2;
    private static final int SKIPPED = 3;
    private long createCalls;
    /** The last CreateBackup answer and the last backup seen AVAILABLE ({@code --wait}), of the entries so far. */
    private @Nullable Instant lastCreatedAt;
    private @Nullable Instant lastAvailableAt;
    /** When the job ended: every count after it, printed or written, is of this one moment. */
    private @Nullable Instant finishedAt;

    JobRecord(Clock clock, String endpoint, String region, CreateBackupCalls calls) {
        this(clock, endpoint, region, List.of(), calls);
    }

    /**
     * A record counting per region too ({@code --regions}): the report's summary has a {@code regions} member with
     * each of {@code regions}, in that order.
     *
     * @param endpoint the endpoints, as the report names them
     * @param region   the regions, as the report names them
     */
    JobRecord(Clock clock, String endpoint, String region, List<String> regions, CreateBackupCalls calls) {
        this.clock = clock;
        this.startedAt = clock.instant();
        this.endpoint = endpoint;
        this.region = region;
        this.calls = calls;
        regions.forEach(name -> byRegion.put(name, new int[4]));
    }

    /** Counts one more selected table. */
    synchronized void select() {
        selected++;
    }

    /** Counts one more selected table, of {@code inRegion}. */
    synchronized void select(String inRegion) {
        selected++;
        counts(inRegion)[REQUESTED]++;
    }

    /** A region's requested, created, failed and skipped, counted as {@link #add} and {@link #select} count. */
    private int[] counts(String inRegion) {
        return byRegion.computeIfAbsent(inRegion, name -> new int[4]);
    }

    /** The job will select {@code total} tables (known before they are counted one by one: a list of names). */
    synchronized void expect(int total) {
        this.total = OptionalInt.of(total);
    }

    /** Every table of the selection has been counted: the total is known. */
    synchronized void allSelected() {
        total = OptionalInt.of(selected);
    }

    /** Keeps a table's settings for the report ({@code --record-settings}). */
    synchronized void recordSettings(String table, TableSettings read) {
        settings.put(table, read);
    }

    /** Adds one finished table. */
    synchronized void add(TableResult result) {
        results.add(result);
        switch (result.status()) {
            case CREATED -> created++;
            case FAILED -> failed++;
            case SKIPPED -> skipped++;
        }
        if (result.region() != null) {
            counts(result.region())[switch (result.status()) {
                case CREATED -> CREATED;
                case FAILED -> FAILED;
                case SKIPPED -> SKIPPED;
            }]++;
        }
        if (result.status() != Status.SKIPPED && result.attempts() != null) {
            createCalls += result.attempts();
        }
        lastCreatedAt = later(lastCreatedAt, result.createdAt());
        lastAvailableAt = later(lastAvailableAt, result.availableAt());
    }

    private static @Nullable Instant later(@Nullable Instant last, @Nullable String iso) {
        if (iso == null) {
            return last;
        }
        Instant at = Instant.parse(iso);
        return last == null || at.isAfter(last) ? at : last;
    }

    /** The counts now, or as the job ended once it has (the summary line and the final report agree). */
    synchronized Counts counts() {
        double callSeconds = calls.span().map(span -> span.toNanos() / 1e9).orElse(0.0);
        OptionalDouble availableAfter = lastCreatedAt == null || lastAvailableAt == null ? OptionalDouble.empty()
                : OptionalDouble.of(Math.max(0, Duration.between(lastCreatedAt, lastAvailableAt).toNanos() / 1e9));
        return new Counts(selected, total, results.size(), created, failed, skipped,
                elapsedSeconds(finishedAt != null ? finishedAt : clock.instant()), createCalls, callSeconds,
                availableAfter);
    }

    /**
     * The report as of now; {@code finished} ends the job (once: later snapshots and counts keep that moment) and
     * stamps {@code finishedAt}.
     */
    synchronized Report snapshot(boolean finished) {
        if (finished && finishedAt == null) {
            finishedAt = clock.instant();
        }
        Counts counts = counts();
        Instant end = finishedAt;
        return new Report(iso(startedAt), finished && end != null ? iso(end) : null, endpoint, region,
                new Report.Summary(selected, created, failed, skipped, round(counts.elapsedSeconds(), 3),
                        counts.createCallsPerSecond().isPresent()
                                ? round(counts.createCallsPerSecond().getAsDouble(), 1) : null,
                        counts.availableAfterLastCreate().isPresent()
                                ? round(counts.availableAfterLastCreate().getAsDouble(), 3) : null,
                        regionCounts()),
                results, settings);
    }

    /** Each region's counts ({@code --regions}); empty for a one-region job. */
    synchronized Map<String, Report.RegionCounts> regionCounts() {
        Map<String, Report.RegionCounts> counts = new LinkedHashMap<>();
        byRegion.forEach((name, c) -> counts.put(name,
                new Report.RegionCounts(c[REQUESTED], c[CREATED], c[FAILED], c[SKIPPED])));
        return counts;
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
     * @param total          the tables the job selects in all, once known
     * @param finished       tables with a result
     * @param created        backups created
     * @param failed         tables failed
     * @param skipped        tables skipped
     * @param elapsedSeconds since the job started
     * @param createCalls    CreateBackup calls made, every attempt counted
     * @param callSeconds    from the first CreateBackup request sent to the last one answered ({@link
     *                       CreateBackupCalls}); 0 before any
     * @param availableAfterLastCreate with {@code --wait}: seconds from the last CreateBackup answer to the last
     *                       backup seen AVAILABLE; empty before any was seen so
     */
    record Counts(int selected, OptionalInt total, int finished, int created, int failed, int skipped,
                  double elapsedSeconds, long createCalls, double callSeconds,
                  OptionalDouble availableAfterLastCreate) {

        /**
         * CreateBackup calls per second over their own span; empty when no call was made (or their span is too short
         * to measure): a rate of no calls is no number at all.
         */
        OptionalDouble createCallsPerSecond() {
            return createCalls > 0 && callSeconds > 0 ? OptionalDouble.of(createCalls / callSeconds)
                    : OptionalDouble.empty();
        }

        /** One line: how far the job is. */
        String progressLine() {
            return String.format(Locale.ROOT, "%s done, %d selected so far: %d created, %d failed, %d skipped; %s;"
                    + " %.1f s", Plural.of(finished, "table"), selected, created, failed, skipped, callRate(),
                    elapsedSeconds);
        }

        /** The closing line of a job. */
        String summaryLine() {
            return String.format(Locale.ROOT, "%s in %.1f s: %d created, %d failed, %d skipped; %s%s",
                    Plural.of(finished, "table"), elapsedSeconds, created, failed, skipped, callRate(),
                    availableAfterLastCreate.isPresent() ? String.format(Locale.ROOT,
                            "; last AVAILABLE %.1f s after the last CreateBackup",
                            availableAfterLastCreate.getAsDouble()) : "");
        }

        /** The achieved CreateBackup rate, or that no call was made. */
        String callRate() {
            OptionalDouble rate = createCallsPerSecond();
            if (rate.isPresent()) {
                return String.format(Locale.ROOT, "%.1f CreateBackup calls/s", rate.getAsDouble());
            }
            return createCalls == 0 ? "no CreateBackup call" : Plural.of(createCalls, "CreateBackup call");
        }
    }
}
