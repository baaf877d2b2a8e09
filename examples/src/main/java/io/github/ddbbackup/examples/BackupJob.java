package io.github.ddbbackup.examples;

import io.github.ddbbackup.core.error.AccessDeniedException;
import io.github.ddbbackup.core.error.ErrorResponseException;
import io.github.ddbbackup.emulator.EmulatorRateLimits;
import io.github.ddbbackup.examples.Report.TableResult;
import io.github.ddbbackup.reactor.BackupPlan;
import io.github.ddbbackup.core.error.CredentialsUnavailableException;
import io.github.ddbbackup.core.error.TransportException;
import io.github.ddbbackup.reactor.TableSelection;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * One run of {@code ddb-backup backup}: selects the tables, skips those an earlier run backed up, backs up the rest
 * through the client's fan-out (paced by its CreateBackup token bucket), keeps the report current while it runs,
 * and closes with a summary.
 *
 * <p>The report is rewritten at most every {@link #REPORT_INTERVAL} while results arrive, and once more at the end,
 * so its cost stays linear in the job's duration rather than quadratic in the number of tables.
 */
final class BackupJob {

    /** The longest the report on disk lags behind the job (and what a {@code kill -9} can lose from it). */
    static final Duration REPORT_INTERVAL = Duration.ofMillis(500);
    /** A dry run's entry for a named table that ListTables does not show. */
    static final String NO_SUCH_TABLE = "dry run: no such table (ListTables does not show it)";
    /** Failed tables named in the summary; the report lists them all. */
    static final int FAILURES_SHOWN = 20;
    /** Connections the warm-up opens: more than the job's CreateBackup calls keep busy at 50 per second. */
    static final int WARM_UP_CONNECTIONS = 4;
    /** The longest the warm-up may take; the job then starts anyway. */
    static final Duration WARM_UP_TIMEOUT = Duration.ofSeconds(30);

    private final Target target;
    private final TableSelection selection;
    private final BackupPlan plan;
    private final Settings settings;
    private final CommandContext context;
    private final CreateBackupCalls calls;
    /** For a dry run of named tables: the tables that exist, listed before the first table is taken. */
    private volatile Optional<Set<String>> existing = Optional.empty();

    /**
     * The job's options besides its tables and plan.
     *
     * @param earlier the earlier run being resumed, or {@link EarlierRun#none()}
     * @param report  where the report goes, if anywhere
     * @param dryRun  select and name, create nothing
     * @param rate    the CreateBackup calls per second the client is limited to, 0 for none (to say so)
     * @param sharedBudget where the budget is shared with other jobs (Redis, without credentials), if it is
     * @param failIfEmpty  the selection as named when it matches no table, which then fails the job; empty when an
     *                     empty selection is fine ({@code --allow-empty})
     * @param namedTables  the tables are named one by one (not selected from ListTables by a pattern)
     * @param recordSettings read and keep each backed-up table's settings ({@code --record-settings})
     * @param metrics      where the client's meters go ({@code --metrics}), if anywhere
     */
    record Settings(EarlierRun earlier, Optional<KeptReport> report, boolean dryRun, double rate,
                    Optional<String> sharedBudget, Optional<String> failIfEmpty, boolean namedTables,
                    boolean recordSettings, Optional<JobMeters> metrics) {
    }

    /** Tables whose settings are read at once with {@code --record-settings}; each call's rate limit paces them. */
    static final int SETTINGS_CONCURRENCY = 16;

    /**
     * @param calls what the target's client saw of its CreateBackup exchanges (the achieved rate's span)
     */
    BackupJob(Target target, TableSelection selection, BackupPlan plan, Settings settings, CommandContext context,
              CreateBackupCalls calls) {
        this.target = target;
        this.selection = selection;
        this.plan = plan;
        this.settings = settings;
        this.context = context;
        this.calls = calls;
    }

    /** Runs the job; the exit code says whether every table is backed up. */
    Mono<Integer> run() {
        JobRecord record = new JobRecord(context.clock(), target.endpoint(), target.region(), calls);
        AtomicBoolean interrupted = new AtomicBoolean();
        // Both the selection and backupAll stop on it; whichever hears it first notes it (the other may be cancelled).
        Mono<Void> interrupt = context.interrupt().doOnSuccess(stop -> interrupted.set(true));
        return warmUp()
                .flatMap(problem -> problem.isPresent()
                        ? context.failed("ddb-backup: " + problem.get() + "; no backup was attempted")
                        : run(record, interrupted, interrupt));
    }

    private Mono<Integer> run(JobRecord record, AtomicBoolean interrupted, Mono<Void> interrupt) {
        return namedTotal().doOnNext(record::expect)
                .then(settings.earlier().withBackupsListedSince(target.client()))
                .zipWith(existingTables(), (resumed, existing) -> {
                    this.existing = existing;
                    return resumed;
                })
                // The progress display may probe the terminal, and the first line is printed: off the event loops.
                .publishOn(Schedulers.boundedElastic())
                .flatMap(resumed -> {
                    context.out().println(announcement(resumed));
                    Progress progress = Progress.start(context, record);
                    // A table counts as selected when it is carried over or handed to backupAll, not when it is
                    // read: backupAll may hear Ctrl-C first and leave, and the tables still read after that are
                    // neither backed up nor reported.
                    Flux<TableResult> results = selection.tables(target.client(), context::notice)
                            .distinct()
                            .takeUntilOther(interrupt)
                            // One table at a time from the source, so that an interrupt leaves the rest unread.
                            .publish(selected -> Flux.merge(
                                    selected.filter(resumed::backedUp)
                                            .doOnNext(table -> record.select())
                                            .map(resumed::carriedOver),
                                    backUp(selected.filter(table -> !resumed.backedUp(table))
                                            .doOnNext(table -> record.select())
                                            // After the last table, both branches have counted theirs.
                                            .doOnComplete(record::allSelected), interrupt)), 1);
                    return write(record.snapshot(false))
                            .thenMany(results
                                    .flatMap(result -> recordSettings(record, result), SETTINGS_CONCURRENCY)
                                    .doOnNext(record::add)
                                    .sample(REPORT_INTERVAL)
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
     * Opens the client's connections and runs its code paths once before the first CreateBackup: a few concurrent
     * ListTables (first page only) and a DescribeBackup of a backup that does not exist, whatever they answer
     * (errors, AccessDenied included, are ignored; only the paths matter). The client takes a CreateBackup permit
     * before it connects: in a fresh process the first calls would pay loading Reactor Netty's code and opening
     * connections after their permits, reach DynamoDB late, bunched with the calls behind them, and be refused with
     * LimitExceededException (BENCHMARKS.md, "Measurements behind the code"). With
     * {@code --redis} the DescribeBackup permit also connects to Redis and loads Bucket4j. A job pays this once, in
     * well under a second; a dry run creates nothing and skips it.
     *
     * <p>The DescribeBackup is also the pre-flight check: any answer from DynamoDB (BackupNotFoundException, or
     * AccessDenied for a role without that permission) shows that requests are signed and reach the endpoint. When
     * they do not (no credentials, credentials refused, endpoint unreachable) the job ends here with one line saying
     * so, instead of every table failing with the same long error.
     *
     * @return the reason the job cannot run, if it cannot
     */
    private Mono<Optional<String>> warmUp() {
        if (settings.dryRun()) {
            return Mono.just(Optional.empty());
        }
        String unknownBackup = "arn:aws:dynamodb:" + target.region() + ":000000000000:table/ddb-backup-warm-up/backup/"
                + "01700000000000-00000000";
        return Flux.range(0, WARM_UP_CONNECTIONS)
                .flatMap(i -> target.client().listTables().next().then().onErrorComplete())
                .then(target.client().describeBackup(unknownBackup)
                        .then(Mono.just(Optional.<String>empty()))
                        .onErrorResume(e -> Mono.just(cannotRun(e))))
                // Slow is not broken: after the bound the job starts anyway.
                .timeout(WARM_UP_TIMEOUT, Mono.just(Optional.empty()));
    }

    /** Why the pre-flight DescribeBackup's failure means no CreateBackup can succeed, if it does. */
    private Optional<String> cannotRun(Throwable error) {
        if (error instanceof TransportException) {
            return Optional.of("cannot reach " + target.endpoint() + " (" + shortened(error.getMessage()) + ")");
        }
        if (error instanceof ErrorResponseException.AuthRefused refused && !(error instanceof AccessDeniedException)) {
            return Optional.of(target.endpoint() + " refused the credentials: " + refused.errorCode()
                    + (refused.errorMessage().isEmpty() ? "" : ": " + shortened(refused.errorMessage())));
        }
        if (error instanceof CredentialsUnavailableException none) {
            // Its message names the chain and the profile it looked in; each provider's reason is in its cause.
            return Optional.of("cannot sign requests to " + target.endpoint() + ": " + shortened(none.getMessage()));
        }
        // DynamoDB answered (signed and reached), or something else failed, such as the shared budget's Redis: the
        // job runs, and each table reports that reason.
        return Optional.empty();
    }

    /** A failed table's error: code, message and, when a response came, its request id. */
    private static String whyFailed(Report.ErrorInfo error) {
        return error.code() + ": " + error.message()
                + (error.requestId() != null ? " (request id " + error.requestId() + ")" : "");
    }

    /** The first line of a message, at most 200 characters: the AWS SDK's run to over a thousand. */
    static String shortened(@Nullable String message) {
        String line = String.valueOf(message).lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 197) + "..." : line;
    }

    /** The first line: where, how fast, and what is skipped. */
    private String announcement(EarlierRun resumed) {
        String pace = settings.rate() == 0 ? "CreateBackup not rate-limited"
                : "at most " + (settings.rate() % 1 == 0 ? Long.toString((long) settings.rate())
                : Double.toString(settings.rate())) + " CreateBackup calls/s";
        return "backup: " + (settings.dryRun() ? "dry run, no backup is created; " : "") + "tables of "
                + target.endpoint() + " (" + target.region() + "), " + pace
                + settings.sharedBudget().map(shared -> " (" + shared + ")").orElse("")
                + target.emulator().map(emulator -> "; the in-process emulator admits "
                + describeCreateBackupLimit(emulator.rateLimits())).orElse("")
                + (resumed.size() > 0 ? "; " + Plural.of(resumed.size(), "table") + " already backed up "
                + (resumed.size() == 1 ? "is" : "are") + " skipped" : "")
                + settings.report().map(file -> "; report " + file.path()).orElse("");
    }

    private static String describeCreateBackupLimit(EmulatorRateLimits limits) {
        OptionalInt limit = limits.limit("CreateBackup");
        return limit.isPresent() ? "at most " + limit.getAsInt() + " CreateBackup calls/s" : "CreateBackup without limit";
    }

    /**
     * For a dry run of tables named one by one: the tables that exist (one paged ListTables), so that the names that
     * would fail are shown now. Empty otherwise (a pattern selects only tables that exist).
     */
    private Mono<Optional<Set<String>>> existingTables() {
        if (!settings.dryRun() || !settings.namedTables()) {
            return Mono.just(Optional.empty());
        }
        return target.client().listTables().collect(Collectors.toUnmodifiableSet()).map(Optional::of);
    }

    /** How many tables a list of names selects, counted before the job starts (no call: the names are at hand). */
    private Mono<Integer> namedTotal() {
        return settings.namedTables()
                ? selection.tables(target.client()).distinct().count().map(Math::toIntExact)
                : Mono.empty();
    }

    /** CreateBackup for each table, or on a dry run the backup it would make. */
    private Flux<TableResult> backUp(Flux<String> tables, Mono<Void> interrupt) {
        if (settings.dryRun()) {
            // Names as backupAll makes them: every table's from the job's start.
            return Flux.defer(() -> {
                Instant startedAt = plan.clock().instant();
                return tables.map(table -> {
                    if (existing.isPresent() && !existing.get().contains(ExplicitTables.nameOf(table))) {
                        return TableResult.skipped(table, NO_SUCH_TABLE, null);
                    }
                    String name = plan.backupNameFor(table, startedAt);
                    return TableResult.skipped(table, "dry run: would create backup " + name, name);
                });
            });
        }
        // On Ctrl-C the tables already pulled but still waiting for a permit end SKIPPED, unsent.
        return target.client().backupAll(tables, plan, interrupt).map(TableResult::of);
    }

    /**
     * With {@code --record-settings}, for a table backed up: what a restore will not bring back (tags, time to live,
     * point-in-time recovery, stream), read now and kept in the report for {@code restore --settings-from}. A table
     * whose settings cannot be read keeps its backup; the failure is printed.
     */
    private Mono<TableResult> recordSettings(JobRecord record, TableResult result) {
        if (!settings.recordSettings() || result.status() != Report.Status.CREATED) {
            return Mono.just(result);
        }
        return target.client().describeTable(result.table())
                .flatMap(table -> TableSettings.read(target.client(), table))
                .doOnNext(read -> record.recordSettings(ExplicitTables.nameOf(result.table()), read))
                .onErrorResume(e -> Mono.fromRunnable(() -> context.err().println("ddb-backup: the settings of "
                        + result.table() + " were not recorded: " + Report.ErrorInfo.of(e).code() + ": "
                        + Report.ErrorInfo.of(e).message())).subscribeOn(Schedulers.boundedElastic()).then(Mono.empty()))
                .thenReturn(result);
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
            record.snapshot(true).tables().forEach(result -> out.println("  " + result.table() + ": "
                    + result.reason()));
        }
        out.println("backup: " + counts.summaryLine());
        List<TableResult> failures = record.failures();
        failures.stream().limit(FAILURES_SHOWN).forEach(failed -> out.println("  FAILED " + failed.table() + ": "
                + whyFailed(Objects.requireNonNull(failed.error(), "a FAILED entry has an error"))));
        if (failures.size() > FAILURES_SHOWN) {
            out.println("  ... and " + (failures.size() - FAILURES_SHOWN) + " more failed tables (see the report)");
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
        long missing = record.snapshot(true).tables().stream().filter(t -> NO_SUCH_TABLE.equals(t.reason())).count();
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
