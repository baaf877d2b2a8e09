package io.github.ddbbackup.examples;

import io.github.ddbbackup.core.error.AccessDeniedException;
import io.github.ddbbackup.core.error.ErrorResponseException;
import io.github.ddbbackup.examples.Report.TableResult;
import io.github.ddbbackup.reactor.BackupPlan;
import io.github.ddbbackup.core.error.CredentialsUnavailableException;
import io.github.ddbbackup.core.error.TransportException;
import io.github.ddbbackup.reactor.TableSelection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code ddb-backup backup} in one region: selects the region's tables, skips those an earlier run backed up there,
 * and backs up the rest through the client's fan-out (paced by its CreateBackup token bucket). A {@link BackupRun}
 * runs one (a one-region job) or several ({@code --regions}) at once, with one report and one summary.
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
    /** In a {@code --regions} job: the region its entries and lines name; empty in a one-region job. */
    private final Optional<String> labelled;
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
        this(target, selection, plan, settings, context, calls, Optional.empty());
    }

    /**
     * @param labelled in a {@code --regions} job, the region ({@code target}'s) that entries and lines name
     */
    BackupJob(Target target, TableSelection selection, BackupPlan plan, Settings settings, CommandContext context,
              CreateBackupCalls calls, Optional<String> labelled) {
        this.target = target;
        this.selection = selection;
        this.plan = plan;
        this.settings = settings;
        this.context = context;
        this.calls = calls;
        this.labelled = labelled;
    }

    /** Runs a one-region job; the exit code says whether every table is backed up. */
    Mono<Integer> run() {
        return new BackupRun(List.of(this), settings, context, calls).run(part -> Mono.empty());
    }

    /** The region's target: its client, endpoint and region. */
    Target target() {
        return target;
    }

    /** In a {@code --regions} job, the region its entries and lines name. */
    Optional<String> labelled() {
        return labelled;
    }

    /** The warm-up and pre-flight check ({@link #warmUp}): the reason the job cannot run here, if it cannot. */
    Mono<Optional<String>> preflight() {
        return warmUp();
    }

    /**
     * The earlier run, with the backups made since it started (ListBackups), and for a dry run of named tables the
     * tables that exist; before the first table is taken.
     */
    Mono<EarlierRun> resumed() {
        return settings.earlier().withBackupsListedSince(target.client())
                .zipWith(existingTables(), (resumed, existing) -> {
                    this.existing = existing;
                    return resumed;
                });
    }

    /**
     * Selects the tables, carries over those {@code resumed} backed up and backs up the rest, recording each
     * selected table in {@code record}; {@code allSelected} runs once the last table is counted.
     */
    Flux<TableResult> results(EarlierRun resumed, JobRecord record, Mono<Void> interrupt, Runnable allSelected) {
        // A table counts as selected when it is carried over or handed to backupAll, not when it is read: backupAll
        // may hear Ctrl-C first and leave, and the tables still read after that are neither backed up nor reported.
        return selection.tables(target.client(), context::notice)
                .distinct()
                .takeUntilOther(interrupt)
                // One table at a time from the source, so that an interrupt leaves the rest unread.
                .publish(selected -> Flux.merge(
                        selected.filter(resumed::backedUp)
                                .doOnNext(table -> select(record))
                                .map(resumed::carriedOver),
                        backUp(selected.filter(table -> !resumed.backedUp(table))
                                .doOnNext(table -> select(record))
                                // After the last table, both branches have counted theirs.
                                .doOnComplete(allSelected), interrupt)), 1)
                .map(this::label)
                .flatMap(result -> recordSettings(record, result), SETTINGS_CONCURRENCY);
    }

    /**
     * When the region cannot be asked ({@code --regions}: the others go on): each named table FAILED with
     * {@code reason}, or, when the tables are selected by asking the region, one entry for the selection.
     */
    Flux<TableResult> unavailable(String code, String reason, JobRecord record) {
        return failed(code, reason, record, settings.namedTables());
    }

    /** When the region's selection failed part way ({@code --regions}): one entry for the selection says why. */
    Flux<TableResult> selectionFailed(Throwable error, JobRecord record) {
        Report.ErrorInfo info = Report.ErrorInfo.of(error);
        return failed(info.code(), "selecting the tables failed: " + info.message(), record, false);
    }

    private Flux<TableResult> failed(String code, String reason, JobRecord record, boolean eachNamed) {
        Report.ErrorInfo error = new Report.ErrorInfo(code, reason, null);
        Flux<String> tables = eachNamed ? selection.tables(target.client()).distinct() : Flux.just(SELECTION_ENTRY);
        return tables.map(table -> label(new TableResult(table, Report.Status.FAILED, null, null, null, error, null,
                        0)))
                .doOnNext(result -> select(record));
    }

    /** The entry naming the whole selection of a region that could not be asked. */
    static final String SELECTION_ENTRY = "(selection)";

    /** How many tables a list of names selects, counted before the job starts (no call: the names are at hand). */
    Mono<Integer> namedTotal() {
        return settings.namedTables()
                ? selection.tables(target.client()).distinct().count().map(Math::toIntExact)
                : Mono.empty();
    }

    private void select(JobRecord record) {
        labelled.ifPresentOrElse(record::select, record::select);
    }

    private TableResult label(TableResult result) {
        return labelled.map(result::in).orElse(result);
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

    /**
     * Where the report keeps a table's settings: its name, and in a {@code --regions} job {@code region/name}
     * ({@link RecordedSettings#of(String, String)}).
     */
    private String settingsKey(String table) {
        return labelled.map(region -> region + "/").orElse("") + ExplicitTables.nameOf(table);
    }

    /** The first line of a message, at most 200 characters: the AWS SDK's run to over a thousand. */
    static String shortened(@Nullable String message) {
        String line = String.valueOf(message).lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 197) + "..." : line;
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
                .doOnNext(read -> record.recordSettings(settingsKey(result.table()), read))
                .onErrorResume(e -> Mono.fromRunnable(() -> context.err().println("ddb-backup: the settings of "
                        + result.table() + " were not recorded: " + Report.ErrorInfo.of(e).code() + ": "
                        + Report.ErrorInfo.of(e).message())).subscribeOn(Schedulers.boundedElastic()).then(Mono.empty()))
                .thenReturn(result);
    }
}
