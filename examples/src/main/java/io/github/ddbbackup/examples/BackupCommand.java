package io.github.ddbbackup.examples;

import io.github.ddbbackup.core.RequestValidationException;
import io.github.ddbbackup.core.InvalidOptionException;
import io.github.ddbbackup.core.Operation;
import io.github.ddbbackup.emulator.EmulatorRateLimits;
import io.github.ddbbackup.ratelimit.redis.RedisRateLimiter;
import io.github.ddbbackup.ratelimit.redis.RedisRateLimiterBuilder;
import io.github.ddbbackup.reactor.BackupPlan;
import io.github.ddbbackup.reactor.DynamoDbBackupClientBuilder;
import io.github.ddbbackup.ratelimit.RateLimit;
import io.github.ddbbackup.ratelimit.RateLimits;
import io.github.ddbbackup.reactor.TableSelection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** {@code ddb-backup backup}: an on-demand backup of every selected table. */
@Command(name = "backup", sortOptions = false, mixinStandardHelpOptions = true, version = DdbBackup.VERSION,
        description = {"Create an on-demand backup of every selected table, at most --rate CreateBackup calls per"
                + " second, and report what happened to each table.",
                "Exit codes: 0 every table backed up, 1 some failed (or no table matched), 2 usage error, 130"
                        + " interrupted (Ctrl-C), 143 terminated (SIGTERM)."})
final class BackupCommand implements Subcommand {

    /** DynamoDB's CreateBackup limit: 50 calls per second per account and region. */
    static final double DEFAULT_RATE = 50;

    @Spec
    private CommandSpec spec;

    @Mixin
    private SelectionOptions selection;

    @Mixin
    private TargetOptions target;

    @Mixin
    private RegionsOption regions;

    @Mixin
    private RedisOptions redis;

    @Option(names = "--name-template", paramLabel = "T", order = 20,
            description = "Backup names: {table}, {timestamp} (UTC yyyyMMdd'T'HHmmss'Z'), {date} (yyyyMMdd)."
                    + " Characters outside [a-zA-Z0-9_.-] are replaced. Default: {table}-{timestamp}.")
    private String nameTemplate;

    @Option(names = "--rate", paramLabel = "R", order = 21, defaultValue = "50",
            description = "CreateBackup calls per second, at most 50 (DynamoDB's limit) against AWS, at least one"
                    + " call per day (0.0000116). 0 turns"
                    + " limiting off, and more than 50 is allowed, only for endpoints on this machine."
                    + " Default: ${DEFAULT-VALUE}.")
    private double rate;

    @Option(names = "--concurrency", paramLabel = "C", order = 22,
            description = "Backups in flight at once. Default: 64.")
    private Integer concurrency;

    @Option(names = "--wait", order = 23,
            description = "Wait until each backup is AVAILABLE before counting it: one watcher pages ListBackups (up to"
                    + " 100 backups a call, at its own 5/s limit), so creating goes on at full rate meanwhile.")
    private boolean waitForAvailable;

    @Option(names = "--report", paramLabel = "FILE", order = 24,
            description = "Write the JSON report to FILE, kept current while the job runs. FILE is a regular file or"
                    + " a new path (a symbolic link to a regular file: that file); checked before anything is sent."
                    + " If it cannot be written later, the report is kept under the temporary directory (exit 1).")
    private Path reportPath;

    @Option(names = "--report-permissions", paramLabel = "PERMS", order = 24,
            description = "The report's POSIX permissions, e.g. rw-r----- to let the group read it."
                    + " Default: rw------- (the report names the account, endpoint and tables).")
    private String reportPermissions;

    @Option(names = "--resume", paramLabel = "FILE", order = 25,
            description = "Skip the tables that the report FILE of an earlier run shows as backed up (and tables with"
                    + " a backup created since that run started). The report must be of the same endpoint, region and"
                    + " account.")
    private Path resumePath;

    @Option(names = "--metrics", paramLabel = "FILE", order = 24,
            description = "Write the client's meters (calls, retries, permits, latencies; see the README's Metrics) to"
                    + " FILE as JSON, with the report's rhythm and at the end, and sum them up per operation in the"
                    + " summary. FILE is checked as --report's is.")
    private Path metricsPath;

    @Option(names = "--dry-run", order = 26,
            description = "Select the tables and show the backup names, without creating any backup; named tables"
                    + " that do not exist are shown (exit 1).")
    private boolean dryRun;

    @Option(names = "--record-settings", order = 27,
            description = "Record each backed-up table's tags, time to live, point-in-time recovery and stream in the"
                    + " report, for 'restore --copy-settings --settings-from' once the table is gone (needs --report;"
                    + " paced by ListTagsOfResource's 10 calls per second).")
    private boolean recordSettings;

    private Set<PosixFilePermission> reportMode;
    private RateLimits rateLimits;
    private Optional<RedisRateLimiterBuilder> sharedBudget;
    private BackupPlan plan;
    private TableSelection tables;
    private EarlierRun earlier;
    /** With {@code --regions}: each region's selection, and its part of the resumed report. */
    private final Map<String, TableSelection> tablesByRegion = new LinkedHashMap<>();
    private Map<String, EarlierRun> earlierByRegion = Map.of();
    private Optional<ReportFile> report;
    private Optional<JobMeters> metrics;

    @Override
    public void prepare(CommandContext context) {
        target.validate(context.environment(), regions.given());
        selection.validate(target.isLocal());
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw usage("--rate: " + rate + " violates a number of calls per second, 0 or more");
        }
        if (rate > 0 && rate < RateLimit.MIN_PERMITS_PER_SECOND) {
            throw usage("--rate: " + rate + " violates at least one call per day (" + RateLimit.MIN_PERMITS_PER_SECOND
                    + "), or 0 for no limit");
        }
        if (rate == 0 && !target.isLoopback()) {
            throw usage("--rate 0 turns CreateBackup rate limiting off, which is only allowed for an endpoint on this"
                    + " machine (--local, or a loopback endpoint): DynamoDB allows "
                    + (int) DEFAULT_RATE + " calls per second and answers LimitExceededException beyond");
        }
        if (rate > DEFAULT_RATE && !target.isLoopback()) {
            throw usage("--rate " + rateText() + " is above DynamoDB's " + (int) DEFAULT_RATE + " CreateBackup calls"
                    + " per second per account and region, which is only allowed for an endpoint on this machine"
                    + " (--local, or a loopback endpoint): DynamoDB answers LimitExceededException beyond");
        }
        if (concurrency != null && (concurrency < 1 || concurrency > RateLimits.DEFAULT_MAX_WAITERS)) {
            throw usage("--concurrency: " + concurrency + " violates 1.." + RateLimits.DEFAULT_MAX_WAITERS);
        }
        if (recordSettings && reportPath == null) {
            throw usage("--record-settings records the settings in the report: give --report FILE too");
        }
        reportMode = reportMode();
        rateLimits = rateLimits();
        sharedBudget = redis.validate(rateLimits, context.environment(), context.err());
        if (sharedBudget.isPresent() && rate == 0) {
            throw usage("--redis shares the CreateBackup budget with other jobs, and --rate 0 turns it off: give"
                    + " one of them");
        }
        plan = plan(context);
        tables = selection.toSelection(target.region());
        try {
            earlier = resumePath == null || !target.regions().isEmpty() ? EarlierRun.none()
                    : EarlierRun.fromReport(resumePath);
            earlierByRegion = resumePath == null || target.regions().isEmpty() ? Map.of()
                    : EarlierRun.byRegion(resumePath);
        } catch (IllegalArgumentException e) {
            throw usage("--resume: " + e.getMessage());
        }
        for (String region : target.regions()) {
            tablesByRegion.put(region, selection.toSelection(region));
        }
        if (!earlierByRegion.isEmpty() && target.regions().stream().noneMatch(earlierByRegion::containsKey)) {
            throw usage("--resume: the report is of " + String.join(",", earlierByRegion.keySet()) + ", this job"
                    + " backs up " + String.join(",", target.regions()) + ": resume only from a report of the same"
                    + " regions");
        }
        // Last: every other check passed, so the report's directory is created only for a job that runs.
        report = ReportFile.ofOption(spec.commandLine(), "--report", reportPath, reportMode);
        metrics = ReportFile.ofOption(spec.commandLine(), "--metrics", metricsPath, ReportFile.OWNER_ONLY)
                .map(file -> new JobMeters(file, context.clock()));
    }

    @Override
    public Mono<Integer> run(CommandContext context) {
        if (!target.regions().isEmpty()) {
            return runRegions(context);
        }
        CreateBackupCalls calls = new CreateBackupCalls(context.clock());
        return Mono.usingWhen(openSharedBudget(),
                limiter -> Mono.usingWhen(target.open(builder -> clientOptions(builder, limiter, calls), false,
                                localLimits()),
                        opened -> Mono.fromRunnable(() -> requireSameTarget(opened))
                                .then(accountCheck().verify(opened, this::usage))
                                .then(new BackupJob(opened, tables, plan, new BackupJob.Settings(earlier,
                                        report.map(KeptReport::new), dryRun, rate,
                                        limiter.map(BackupCommand::describe), selection.failIfEmpty(),
                                        selection.namesTables() && !selection.usesTags(), recordSettings,
                                        metrics),
                                        context, calls).run()),
                        Target::close),
                BackupCommand::close);
    }

    /**
     * {@code --regions}: every region at once, one report. The regions' clients are opened one after the other (each
     * closed after the job, whatever happens); then {@link BackupRun} checks each, and backs up those that answer.
     */
    private Mono<Integer> runRegions(CommandContext context) {
        CreateBackupCalls calls = new CreateBackupCalls(context.clock());
        // One report, written by every region's results.
        Optional<KeptReport> keptReport = report.map(KeptReport::new);
        return Mono.usingWhen(openSharedBudget(),
                limiter -> withTargets(new ArrayList<>(), limiter, calls, opened -> {
                    List<BackupJob> parts = new ArrayList<>();
                    for (Target inRegion : opened) {
                        String region = inRegion.region();
                        EarlierRun resumed = earlierByRegion.getOrDefault(region, EarlierRun.none());
                        requireSameTarget(resumed, inRegion);
                        TableSelection inThere = Objects.requireNonNull(tablesByRegion.get(region),
                                "a selection for each region opened");
                        parts.add(new BackupJob(inRegion, inThere, plan, settings(keptReport, resumed, limiter),
                                context, calls, Optional.of(region)));
                    }
                    return new BackupRun(parts, settings(keptReport, EarlierRun.none(), limiter), context, calls)
                            .run(part -> accountCheck().verify(part.target(), this::usage));
                }),
                BackupCommand::close);
    }

    /** Opens the next region's target, and once all are open runs {@code job}; closes each after it. */
    private Mono<Integer> withTargets(List<Target> opened, Optional<RedisRateLimiter> limiter, CreateBackupCalls calls,
                                      Function<List<Target>, Mono<Integer>> job) {
        if (opened.size() == tablesByRegion.size()) {
            return Mono.defer(() -> job.apply(List.copyOf(opened)));
        }
        String region = target.regions().get(opened.size());
        return Mono.usingWhen(target.open(region, builder -> clientOptions(builder, limiter, calls), false,
                        localLimits()),
                next -> {
                    List<Target> more = new ArrayList<>(opened);
                    more.add(next);
                    return withTargets(more, limiter, calls, job);
                },
                Target::close);
    }

    /** The job's settings, with {@code resumed} as the earlier run. */
    private BackupJob.Settings settings(Optional<KeptReport> keptReport, EarlierRun resumed, Optional<RedisRateLimiter> limiter) {
        return new BackupJob.Settings(resumed, keptReport, dryRun, rate,
                limiter.map(BackupCommand::describe), selection.failIfEmpty(), selection.namesTables() && !selection.usesTags(),
                recordSettings, metrics);
    }

    /** {@code --resume} only from a report of this endpoint and region: its tables are not this target's. */
    private void requireSameTarget(Target opened) {
        requireSameTarget(earlier, opened);
    }

    /** {@code --resume}: {@code resumed} (a region's part of the report, with {@code --regions}) only of there. */
    private void requireSameTarget(EarlierRun resumed, Target opened) {
        try {
            resumed.requireSameTarget(opened.endpoint(), opened.region(), opened.emulator().isPresent());
        } catch (IllegalArgumentException e) {
            throw usage("--resume: " + e.getMessage());
        }
    }

    /** Table ARNs (named, or in the resumed report) only of the target's account: asked of STS when there are any. */
    private AccountCheck accountCheck() {
        return new AccountCheck(Stream.concat(selection.accountClaims().stream(), Stream.concat(Stream.of(earlier),
                        earlierByRegion.values().stream().limit(1)).flatMap(run -> run.accountClaims().stream()))
                .toList());
    }

    /**
     * The limiter of {@code --redis}, if given; built off the event loops (it creates a Lettuce client). It connects
     * on the first permit.
     */
    private Mono<Optional<RedisRateLimiter>> openSharedBudget() {
        return Mono.fromCallable(() -> sharedBudget.map(RedisRateLimiterBuilder::build))
                .subscribeOn(Schedulers.boundedElastic());
    }

    /** Closes the limiter after the job, once Lettuce has shut down (bounded). */
    private static Mono<Void> close(Optional<RedisRateLimiter> limiter) {
        return limiter.map(RedisRateLimiter::closeLater).orElse(Mono.empty());
    }

    /** How the job's first line names the shared budget: where, and what happens without Redis (no password). */
    private static String describe(RedisRateLimiter limiter) {
        return "budget shared through Redis at " + limiter.redis() + ", "
                + limiter.onRedisFailure().instances().map(n -> "1/" + n + " of it while Redis is unreachable")
                .orElse("tables fail while Redis is unreachable");
    }

    private BackupPlan plan(CommandContext context) {
        BackupPlan.Builder builder = BackupPlan.DEFAULT.toBuilder()
                .waitForAvailable(waitForAvailable)
                .clock(context.clock());
        if (concurrency != null) {
            builder.concurrency(concurrency);
        }
        if (nameTemplate != null) {
            builder.nameTemplate(nameTemplate);
        }
        try {
            return builder.build();
        } catch (InvalidOptionException e) {
            throw usage(e.describedAs("--name-template"));
        }
    }

    private Set<PosixFilePermission> reportMode() {
        if (reportPermissions == null) {
            return ReportFile.OWNER_ONLY;
        }
        if (reportPath == null) {
            throw usage("--report-permissions applies to the report: give --report FILE too");
        }
        try {
            Set<PosixFilePermission> mode = PosixFilePermissions.fromString(reportPermissions);
            if (!mode.contains(PosixFilePermission.OWNER_WRITE) || !mode.contains(PosixFilePermission.OWNER_READ)) {
                throw new IllegalArgumentException("the owner must read and write it");
            }
            return mode;
        } catch (IllegalArgumentException e) {
            throw usage("--report-permissions: '" + reportPermissions + "' violates nine characters of rwx- such as"
                    + " rw-r----- with the owner reading and writing (" + e.getMessage() + ")");
        }
    }

    /** DynamoDB's documented limits, with CreateBackup at {@code --rate} (or unlimited for 0). */
    private RateLimits rateLimits() {
        try {
            return rate == 0
                    ? RateLimits.DEFAULT.without(Operation.CREATE_BACKUP)
                    : RateLimits.DEFAULT.with(Operation.CREATE_BACKUP, RateLimit.perSecond(rate));
        } catch (InvalidOptionException e) {
            throw usage(e.describedAs("--rate"));
        }
    }

    /**
     * For {@code --local}: DynamoDB's documented limits, with the emulator's CreateBackup limit where {@code --rate}
     * puts the job's (none for 0), so that the job is never throttled by a limit it did not ask for.
     */
    private EmulatorRateLimits localLimits() {
        EmulatorRateLimits documented = EmulatorRateLimits.DEFAULT;
        // The emulator limits operations by name (it serves table operations the client has no constant for).
        String createBackup = Operation.CREATE_BACKUP.name();
        return rate == 0 ? documented.without(createBackup)
                : documented.with(createBackup, (int) Math.min(Integer.MAX_VALUE, Math.ceil(rate)));
    }

    /**
     * The job's limits, applied by the shared budget in Redis when there is one, else by the client's buckets; and
     * {@code calls} timing the CreateBackup exchanges.
     */
    private DynamoDbBackupClientBuilder clientOptions(DynamoDbBackupClientBuilder builder,
                                                      Optional<RedisRateLimiter> limiter, CreateBackupCalls calls) {
        builder.rateLimits(rateLimits).httpClientCustomizer(calls.observer());
        limiter.ifPresent(builder::rateLimiter);
        metrics.ifPresent(meters -> {
            builder.meterRegistry(meters.registry());
            limiter.ifPresent(meters::bind);
        });
        return builder;
    }

    private String rateText() {
        return rate % 1 == 0 && rate < Long.MAX_VALUE ? Long.toString((long) rate) : Double.toString(rate);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
