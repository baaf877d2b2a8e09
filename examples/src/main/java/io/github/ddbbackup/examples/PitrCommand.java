package io.github.ddbbackup.examples;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.github.ddbbackup.core.ContinuousBackupsDescription;
import io.github.ddbbackup.core.ContinuousBackupsDescription.PointInTimeRecoveryDescription;
import io.github.ddbbackup.core.UpdateContinuousBackupsRequest.PointInTimeRecoverySpecification;
import io.github.ddbbackup.core.error.ContinuousBackupsUnavailableException;
import io.github.ddbbackup.emulator.EmulatorRateLimits;
import io.github.ddbbackup.reactor.DynamoDbBackupClient;
import io.github.ddbbackup.reactor.TableSelection;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * {@code ddb-backup pitr}: which selected tables have point-in-time recovery (DescribeContinuousBackups, at its 10
 * per second), and with {@code --enable} turns it on where it is off (UpdateContinuousBackups).
 */
@Command(name = "pitr", sortOptions = false, mixinStandardHelpOptions = true, version = DdbBackup.VERSION,
        description = {"Show whether each selected table has point-in-time recovery (PITR): ENABLED or DISABLED,"
                + " the earliest and latest restorable times and the recovery period; with --enable, turn it on"
                + " where it is off.",
                "Exit codes: 0 every table has PITR (after --enable: has it now), 1 some do not or failed,"
                        + " 2 usage error."})
final class PitrCommand implements Subcommand {

    /** Tables asked about at once; DescribeContinuousBackups' 10 per second paces them. */
    static final int CONCURRENCY = 10;
    /**
     * UpdateContinuousBackups answers ContinuousBackupsUnavailableException while a table's continuous backups are
     * still being turned on (a table created a moment ago): tried again after 1, 2, 4... seconds (at most 20 s
     * apart), this many times, before the table is reported FAILED.
     */
    static final int UNAVAILABLE_RETRIES = 6;
    static final Duration UNAVAILABLE_FIRST_DELAY = Duration.ofSeconds(1);
    static final Duration UNAVAILABLE_MAX_DELAY = Duration.ofSeconds(20);

    @Spec
    private CommandSpec spec;

    @Mixin
    private SelectionOptions selection;

    @Mixin
    private TargetOptions target;

    @Mixin
    private RegionsOption regions;

    @Option(names = "--enable", order = 20,
            description = "Turn point-in-time recovery on (UpdateContinuousBackups) for each selected table that does"
                    + " not have it.")
    private boolean enable;

    @Option(names = "--recovery-days", paramLabel = "N", order = 21,
            description = "With --enable: the recovery period, 1..35 days. Default: DynamoDB's, 35.")
    private Integer recoveryDays;

    @Option(names = "--dry-run", order = 22,
            description = "With --enable: show which tables would be changed, without changing any.")
    private boolean dryRun;

    @Option(names = "--report", paramLabel = "FILE", order = 23,
            description = "Write the JSON report (one entry per table) to FILE, readable by its owner only.")
    private Path reportPath;

    /** The selection in each region (the first is the only one without --regions). */
    private final Map<String, TableSelection> tables = new LinkedHashMap<>();
    private Optional<ReportFile> report;
    private @Nullable PointInTimeRecoverySpecification turnOn;

    @Override
    public void prepare(CommandContext context) {
        target.validate(context.environment(), regions.given());
        List<String> inRegions = target.regions();
        selection.validate(target.isLocal());
        if (recoveryDays != null && !enable) {
            throw usage("--recovery-days applies to --enable: give --enable too");
        }
        if (dryRun && !enable) {
            throw usage("--dry-run shows what --enable would change: give --enable too (without it, pitr changes"
                    + " nothing)");
        }
        if (recoveryDays != null && (recoveryDays < PointInTimeRecoverySpecification.RECOVERY_DAYS_MIN
                || recoveryDays > PointInTimeRecoverySpecification.RECOVERY_DAYS_MAX)) {
            throw usage("--recovery-days: " + recoveryDays + " violates 1..35 days");
        }
        turnOn = enable ? new PointInTimeRecoverySpecification(true, recoveryDays) : null;
        for (String region : inRegions.isEmpty() ? List.of(target.region()) : inRegions) {
            tables.put(region, selection.toSelection(region));
        }
        report = ReportFile.ofOption(spec.commandLine(), "--report", reportPath, ReportFile.OWNER_ONLY);
    }

    @Override
    public Mono<Integer> run(CommandContext context) {
        Instant startedAt = context.clock().instant();
        boolean several = !target.regions().isEmpty();
        // Every region at once; one that fails (unreachable, refused) fails its own entry, not the others.
        return Flux.fromIterable(tables.entrySet())
                .flatMapSequential(inRegion -> Mono.usingWhen(
                        target.open(inRegion.getKey(), UnaryOperator.identity(), false, EmulatorRateLimits.DEFAULT),
                        opened -> inRegion.getValue().tables(opened.client(), context::notice)
                                .distinct()
                                .flatMapSequential(table -> check(opened.client(), table), CONCURRENCY)
                                .map(entry -> several ? entry.in(opened.region()) : entry)
                                .collectList()
                                .map(entries -> new RegionResult(opened.endpoint(), opened.region(), entries)),
                        Target::close)
                        .onErrorResume(e -> !(e instanceof ParameterException) && (several || tables.size() > 1),
                                e -> Mono.just(new RegionResult("-", inRegion.getKey(), List.of(
                                        PitrReport.Entry.failed("(selection)", e).in(inRegion.getKey()))))),
                        tables.size())
                .collectList()
                .publishOn(Schedulers.boundedElastic())
                .map(results -> finish(results, startedAt, context))
                .onErrorResume(e -> !(e instanceof ParameterException), e -> context.failed(
                        "ddb-backup pitr: selecting the tables failed: " + e.getMessage()));
    }

    /** What one region answered. */
    private record RegionResult(String endpoint, String region, List<PitrReport.Entry> entries) {
    }

    /** One table's state, and the change made (or that would be made). */
    private Mono<PitrReport.Entry> check(DynamoDbBackupClient client, String table) {
        return client.describeContinuousBackups(table)
                .flatMap(now -> {
                    if (turnOn == null || now.pointInTimeRecoveryEnabled()) {
                        return Mono.just(PitrReport.Entry.of(table, now, null));
                    }
                    if (dryRun) {
                        return Mono.just(PitrReport.Entry.of(table, now, "would enable"));
                    }
                    return client.updateContinuousBackups(table, turnOn)
                            .retryWhen(Retry.backoff(UNAVAILABLE_RETRIES, UNAVAILABLE_FIRST_DELAY)
                                    .maxBackoff(UNAVAILABLE_MAX_DELAY)
                                    .filter(ContinuousBackupsUnavailableException.class::isInstance)
                                    .onRetryExhaustedThrow((spec, signal) -> signal.failure()))
                            .map(after -> PitrReport.Entry.of(table, after, "enabled"));
                })
                .onErrorResume(e -> Mono.just(PitrReport.Entry.failed(table, e)));
    }

    /** Prints each table and the summary, writes the report; blocks on the console and the disk. */
    private int finish(List<RegionResult> byRegion, Instant startedAt, CommandContext context) {
        PrintWriter out = context.out();
        List<PitrReport.Entry> results = byRegion.stream().flatMap(r -> r.entries().stream()).toList();
        for (PitrReport.Entry entry : results) {
            out.println("  " + entry.line());
        }
        PitrReport.Summary summary = PitrReport.Summary.of(results);
        if (byRegion.size() > 1) {
            for (RegionResult region : byRegion) {
                out.println("  " + region.region() + ": " + PitrReport.Summary.of(region.entries()).line(dryRun));
            }
        }
        String endpoints = String.join(", ", byRegion.stream().map(RegionResult::endpoint).toList());
        String regionNames = String.join(",", byRegion.stream().map(RegionResult::region).toList());
        out.println("pitr: " + summary.line(dryRun) + "; tables of " + endpoints + " (" + regionNames + ")");
        report.ifPresent(file -> {
            file.writeNow(new PitrReport(startedAt.toString(), context.clock().instant().toString(), endpoints,
                    regionNames, summary, results));
            out.println("report: " + file.path());
        });
        if (results.isEmpty() && selection.failIfEmpty().isPresent()) {
            context.err().println("ddb-backup: no table matched " + selection.failIfEmpty().get()
                    + " (--allow-empty makes that a success)");
            return DdbBackup.EXIT_FAILED;
        }
        return summary.disabled() == 0 && summary.failed() == 0 ? DdbBackup.EXIT_OK : DdbBackup.EXIT_FAILED;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /**
     * The JSON report of {@code pitr}.
     *
     * @param summary the counts
     * @param tables  one entry per table, in the order selected
     */
    @JsonPropertyOrder({"startedAt", "finishedAt", "endpoint", "region", "summary", "tables"})
    record PitrReport(String startedAt, String finishedAt, String endpoint, String region, Summary summary,
                      List<Entry> tables) {

        /**
         * The counts: tables with PITR (after any change), without, failed, and changed (or that would be).
         */
        @JsonPropertyOrder({"tables", "enabled", "disabled", "failed", "changed"})
        record Summary(int tables, int enabled, int disabled, int failed, int changed) {

            static Summary of(List<Entry> entries) {
                int enabled = (int) entries.stream().filter(e -> "ENABLED".equals(e.status())).count();
                int disabled = (int) entries.stream().filter(e -> "DISABLED".equals(e.status())).count();
                int failed = (int) entries.stream().filter(e -> e.error() != null).count();
                int changed = (int) entries.stream().filter(e -> e.action() != null).count();
                return new Summary(entries.size(), enabled, disabled, failed, changed);
            }

            String line(boolean dryRun) {
                return Plural.of(tables, "table") + ": " + enabled + " with point-in-time recovery, " + disabled
                        + " without, " + failed + " failed" + (changed > 0 ? "; " + changed
                        + (dryRun ? " would be enabled (dry run)" : " enabled now") : "");
            }
        }

        /**
         * One table. {@code status} ENABLED or DISABLED (after the change, if one was made), or FAILED with
         * {@code error}; the restorable window and period when enabled; {@code action} "enabled" or "would enable".
         */
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @JsonPropertyOrder({"region", "table", "status", "earliestRestorableDateTime", "latestRestorableDateTime",
                "recoveryPeriodInDays", "action", "error"})
        record Entry(@Nullable String region, String table, String status, @Nullable String earliestRestorableDateTime,
                     @Nullable String latestRestorableDateTime, @Nullable Integer recoveryPeriodInDays,
                     @Nullable String action, Report.@Nullable ErrorInfo error) {

            /** This entry, of {@code inRegion} (with {@code --regions}). */
            Entry in(String inRegion) {
                return new Entry(inRegion, table, status, earliestRestorableDateTime, latestRestorableDateTime,
                        recoveryPeriodInDays, action, error);
            }

            static Entry of(String table, ContinuousBackupsDescription description, @Nullable String action) {
                Optional<PointInTimeRecoveryDescription> pitr = description.pointInTimeRecoveryDescription();
                boolean enabled = description.pointInTimeRecoveryEnabled();
                return new Entry(null, table, enabled ? "ENABLED" : "DISABLED",
                        pitr.flatMap(PointInTimeRecoveryDescription::earliestRestorableDateTime)
                                .map(Instant::toString).orElse(null),
                        pitr.flatMap(PointInTimeRecoveryDescription::latestRestorableDateTime)
                                .map(Instant::toString).orElse(null),
                        pitr.flatMap(PointInTimeRecoveryDescription::recoveryPeriodInDays).orElse(null),
                        action, null);
            }

            static Entry failed(String table, Throwable error) {
                return new Entry(null, table, "FAILED", null, null, null, null, Report.ErrorInfo.of(error));
            }

            String line() {
                String where = region != null ? region + " " : "";
                if (error != null) {
                    return where + table + ": FAILED: " + error.code() + ": " + error.message();
                }
                String window = earliestRestorableDateTime != null
                        ? ", restorable " + earliestRestorableDateTime + " to " + latestRestorableDateTime : "";
                String period = recoveryPeriodInDays != null ? ", " + recoveryPeriodInDays + " days" : "";
                String change = "would enable".equals(action) ? " (would enable: dry run)"
                        : "enabled".equals(action) ? " (enabled now)" : "";
                return where + table + ": " + status + window + period + change;
            }
        }
    }
}
