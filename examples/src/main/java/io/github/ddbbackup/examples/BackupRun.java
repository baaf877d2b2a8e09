package io.github.ddbbackup.examples;

import io.github.ddbbackup.emulator.EmulatorRateLimits;
import io.github.ddbbackup.examples.Report.TableResult;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * One run of {@code ddb-backup backup} over the regions' {@link BackupJob}s, all at once: one record, one report kept
 * current while it runs, one progress display, one summary and exit code. A one-region job is a run of one part,
 * whose entries and lines name no region; with {@code --regions} each entry names its region, the summary counts per
 * region, and a region that cannot be asked (unreachable, credentials refused, its selection failing) ends with its
 * entries FAILED while the others go on.
 */
final class BackupRun {

    /** The error code of the entries of a region whose pre-flight check failed ({@code --regions}). */
    static final String REGION_UNAVAILABLE = "RegionUnavailable";

    private final List<BackupJob> parts;
    private final BackupJob.Settings settings;
    private final CommandContext context;
    private final CreateBackupCalls calls;
    private final boolean several;

    /**
     * @param parts    one per region, in the order given (several: each {@link BackupJob#labelled()})
     * @param settings the job's settings (the report, dry run, rate...; each part has its own earlier run)
     * @param calls    what the parts' clients saw of their CreateBackup exchanges
     */
    BackupRun(List<BackupJob> parts, BackupJob.Settings settings, CommandContext context, CreateBackupCalls calls) {
        this.parts = List.copyOf(parts);
        this.settings = settings;
        this.context = context;
        this.calls = calls;
        this.several = parts.stream().anyMatch(part -> part.labelled().isPresent());
    }

    /** A part that passed its pre-flight check, or the reason it did not. */
    private record Checked(BackupJob part, Optional<String> problem) {
    }

    /**
     * Runs the job; the exit code says whether every table (of every region) is backed up.
     *
     * @param beforeSending for each part that passed its pre-flight check, before any table is selected (the
     *                      account check); its error ends the job
     */
    Mono<Integer> run(Function<BackupJob, Mono<Void>> beforeSending) {
        JobRecord record = several
                ? new JobRecord(context.clock(), endpoints(), regions(),
                parts.stream().map(part -> part.labelled().orElseThrow()).toList(), calls)
                : new JobRecord(context.clock(), parts.get(0).target().endpoint(), parts.get(0).target().region(),
                calls);
        AtomicBoolean interrupted = new AtomicBoolean();
        // Both the selection and backupAll stop on it; whichever hears it first notes it (the other may be cancelled).
        Mono<Void> interrupt = context.interrupt().doOnSuccess(stop -> interrupted.set(true));
        return Flux.fromIterable(parts)
                .flatMapSequential(part -> part.preflight().map(problem -> new Checked(part, problem)), parts.size())
                .collectList()
                .flatMap(checked -> {
                    if (!several && checked.get(0).problem().isPresent()) {
                        return context.failed("ddb-backup: " + checked.get(0).problem().get()
                                + "; no backup was attempted");
                    }
                    return Flux.fromIterable(checked)
                            .filter(part -> part.problem().isEmpty())
                            .concatMap(part -> beforeSending.apply(part.part()))
                            .then(run(checked, record, interrupted, interrupt));
                });
    }

    private Mono<Integer> run(List<Checked> checked, JobRecord record, AtomicBoolean interrupted,
                              Mono<Void> interrupt) {
        List<BackupJob> healthy = checked.stream().filter(c -> c.problem().isEmpty()).map(Checked::part).toList();
        return Flux.fromIterable(parts).concatMap(BackupJob::namedTotal).reduce(Integer::sum).doOnNext(record::expect)
                .thenMany(Flux.fromIterable(healthy).flatMapSequential(BackupJob::resumed))
                .collectList()
                // The progress display may probe the terminal, and the first line is printed: off the event loops.
                .publishOn(Schedulers.boundedElastic())
                .flatMap(resumed -> {
                    context.out().println(announcement(checked, resumed));
                    checked.forEach(c -> c.problem().ifPresent(problem -> context.err().println("ddb-backup: "
                            + c.part().labelled().orElseThrow() + ": " + problem + "; no backup was attempted in"
                            + " this region, the others go on")));
                    Progress progress = Progress.start(context, record);
                    // Every region's selection counted: the total is known.
                    AtomicInteger selecting = new AtomicInteger(parts.size());
                    List<Flux<TableResult>> byRegion = new ArrayList<>();
                    for (Checked c : checked) {
                        if (c.problem().isPresent()) {
                            byRegion.add(c.part().unavailable(REGION_UNAVAILABLE, c.problem().get(), record)
                                    .doOnComplete(selected(selecting, record)));
                        }
                    }
                    for (int i = 0; i < healthy.size(); i++) {
                        BackupJob part = healthy.get(i);
                        Runnable selected = selected(selecting, record);
                        Flux<TableResult> results = part.results(resumed.get(i), record, interrupt, selected);
                        byRegion.add(several ? results.onErrorResume(e -> {
                            // This region's selection failed: its entry says why, the other regions go on.
                            selected.run();
                            return part.selectionFailed(e, record);
                        }) : results);
                    }
                    return write(record.snapshot(false))
                            .thenMany(Flux.merge(byRegion)
                                    .doOnNext(record::add)
                                    .sample(BackupJob.REPORT_INTERVAL)
                                    .onBackpressureLatest()
                                    .concatMap(result -> write(record.snapshot(false)), 1))
                            .then(Mono.just(Optional.<Throwable>empty()))
                            .onErrorResume(jobError -> Mono.just(Optional.of(jobError)))
                            .flatMap(jobError -> progress.finish()
                                    .then(write(record.snapshot(true)))
                                    .then(Mono.fromCallable(() -> summarize(record, jobError, interrupted.get()))
                                            .subscribeOn(Schedulers.boundedElastic())));
                });
    }

    /**
     * Tells {@code record} that every table is counted once each region's selection has ended (the runnable, once per
     * region, at most once).
     */
    private static Runnable selected(AtomicInteger selecting, JobRecord record) {
        AtomicBoolean once = new AtomicBoolean();
        return () -> {
            if (once.compareAndSet(false, true) && selecting.decrementAndGet() == 0) {
                record.allSelected();
            }
        };
    }

    /** The endpoints, as the report names them: one per region, in the regions' order. */
    private String endpoints() {
        return parts.stream().map(part -> part.target().endpoint()).collect(Collectors.joining(", "));
    }

    /** The regions, as the report names them. */
    private String regions() {
        return parts.stream().map(part -> part.target().region()).collect(Collectors.joining(","));
    }

    /** The first line: where, how fast, and what is skipped. */
    private String announcement(List<Checked> checked, List<EarlierRun> resumed) {
        String pace = settings.rate() == 0 ? "CreateBackup not rate-limited"
                : "at most " + (settings.rate() % 1 == 0 ? Long.toString((long) settings.rate())
                : Double.toString(settings.rate())) + " CreateBackup calls/s" + (several ? " in each region" : "");
        int skipped = resumed.stream().mapToInt(EarlierRun::size).sum();
        String where = several
                ? checked.stream().map(c -> c.part().labelled().orElseThrow() + " (" + c.part().target().endpoint()
                + ")").collect(Collectors.joining(", "))
                : parts.get(0).target().endpoint() + " (" + parts.get(0).target().region() + ")";
        return "backup: " + (settings.dryRun() ? "dry run, no backup is created; " : "") + "tables of "
                + where + ", " + pace
                + settings.sharedBudget().map(shared -> " (" + shared + ")").orElse("")
                + parts.get(0).target().emulator().map(emulator -> "; the in-process emulator"
                + (several ? "s admit each " : " admits ")
                + describeCreateBackupLimit(emulator.rateLimits())).orElse("")
                + (skipped > 0 ? "; " + Plural.of(skipped, "table") + " already backed up "
                + (skipped == 1 ? "is" : "are") + " skipped" : "")
                + settings.report().map(file -> "; report " + file.path()).orElse("");
    }

    private static String describeCreateBackupLimit(EmulatorRateLimits limits) {
        OptionalInt limit = limits.limit("CreateBackup");
        return limit.isPresent() ? "at most " + limit.getAsInt() + " CreateBackup calls/s" : "CreateBackup without limit";
    }

    /** A failed table's error: code, message and, when a response came, its request id. */
    private static String whyFailed(Report.ErrorInfo error) {
        return error.code() + ": " + error.message()
                + (error.requestId() != null ? " (request id " + error.requestId() + ")" : "");
    }

    /** The report, and the meters with it (with its rhythm, and at the end). */
    private Mono<Void> write(Report snapshot) {
        return settings.report().map(file -> file.write(snapshot)).orElse(Mono.empty())
                .then(settings.metrics().map(JobMeters::write).orElse(Mono.empty()));
    }

    /** Prints the summary; blocks on the console, so runs off the event loops. */
    private int summarize(JobRecord record, Optional<Throwable> jobError, boolean wasInterrupted) {
        PrintWriter out = context.out();
        JobRecord.Counts counts = record.counts();
        if (settings.dryRun()) {
            record.snapshot(true).tables().forEach(result -> out.println("  " + result.shown() + ": "
                    + result.reason()));
        }
        out.println("backup: " + counts.summaryLine());
        record.regionCounts().forEach((region, inRegion) -> out.println("  " + region + ": "
                + Plural.of(inRegion.requested(), "table") + ": " + inRegion.created() + " created, "
                + inRegion.failed() + " failed, " + inRegion.skipped() + " skipped"));
        List<TableResult> failures = record.failures();
        failures.stream().limit(BackupJob.FAILURES_SHOWN).forEach(failed -> out.println("  FAILED " + failed.shown()
                + ": " + whyFailed(Objects.requireNonNull(failed.error(), "a FAILED entry has an error"))));
        if (failures.size() > BackupJob.FAILURES_SHOWN) {
            out.println("  ... and " + (failures.size() - BackupJob.FAILURES_SHOWN)
                    + " more failed tables (see the report)");
        }
        settings.metrics().ifPresent(meters -> meters.summaryLines().forEach(out::println));
        jobError.ifPresent(e -> context.err().println("ddb-backup: the job stopped early: " + e.getMessage()));
        settings.report().ifPresent(file -> out.println("report: " + file.path()));
        settings.metrics().ifPresent(meters -> out.println("metrics: " + meters.path()));
        Optional<String> reportFailure = settings.report().flatMap(KeptReport::failure);
        reportFailure.ifPresent(failure -> context.err().println("ddb-backup: " + failure));
        if (wasInterrupted) {
            context.err().println("ddb-backup: interrupted; tables not started are SKIPPED or not in the report"
                    + settings.report().map(file -> ": run again with --resume " + file.path()).orElse(""));
            return DdbBackup.EXIT_INTERRUPTED;
        }
        long missing = record.snapshot(true).tables().stream()
                .filter(t -> BackupJob.NO_SUCH_TABLE.equals(t.reason())).count();
        if (missing > 0) {
            context.err().println("ddb-backup: " + Plural.of(missing, "named table") + " not found (see above): a"
                    + " backup would fail");
            return DdbBackup.EXIT_FAILED;
        }
        if (counts.selected() == 0 && jobError.isEmpty() && settings.failIfEmpty().isPresent()) {
            context.err().println("ddb-backup: no table matched " + settings.failIfEmpty().get()
                    + "; nothing was backed up (--allow-empty makes that a success)");
            return DdbBackup.EXIT_FAILED;
        }
        return failures.isEmpty() && jobError.isEmpty() && reportFailure.isEmpty() ? DdbBackup.EXIT_OK
                : DdbBackup.EXIT_FAILED;
    }
}
