package io.github.ddbbackup.examples;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.ddbbackup.core.BackupDescription;
import io.github.ddbbackup.core.BackupStatus;
import io.github.ddbbackup.core.BackupSummary;
import io.github.ddbbackup.core.BackupTypeFilter;
import io.github.ddbbackup.core.InvalidOptionException;
import io.github.ddbbackup.core.ListBackupsRequest;
import io.github.ddbbackup.core.RestoreRequest;
import io.github.ddbbackup.core.TableDescription;
import io.github.ddbbackup.core.error.ResourceNotFoundException;
import io.github.ddbbackup.emulator.EmulatorRateLimits;
import io.github.ddbbackup.ratelimit.RateLimits;
import io.github.ddbbackup.reactor.BackupPlan;
import io.github.ddbbackup.reactor.DynamoDbBackupClient;
import io.github.ddbbackup.reactor.TableSelection;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
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

/**
 * {@code ddb-backup drill}: proves that backups restore. For each chosen table, its newest AVAILABLE backup is restored
 * to a scratch table, waited for until ACTIVE, checked against the backup without reading items ({@link DrillChecks}),
 * and the scratch table deleted unless {@code --keep}. At most 50 restores are in progress at once and 10 are asked
 * per second (the client's restore places and rate limit); each other call goes at its own rate.
 */
@Command(name = "drill", sortOptions = false, mixinStandardHelpOptions = true, version = DdbBackup.VERSION,
        description = {"Restore each selected table's newest AVAILABLE backup to a scratch table"
                + " (<table>-drill-<timestamp>), check it against the backup, and delete it (unless --keep).",
                "Exit codes: 0 every drill passed, 1 some failed (or no table matched), 2 usage error,"
                        + " 130 interrupted (Ctrl-C: scratch tables created are deleted, or listed for you to delete)."})
final class DrillCommand implements Subcommand {

    /** Drills in flight at once: DynamoDB's 50 restores in progress. */
    static final int CONCURRENCY = 50;
    /** The scratch table's name, shortened as backup names are. */
    static final String SCRATCH_TEMPLATE = "{table}-drill-{timestamp}";

    @Spec
    private CommandSpec spec;

    @Mixin
    private SelectionOptions selection;

    @Mixin
    private TargetOptions target;

    @Option(names = "--sample", paramLabel = "N", order = 20,
            description = "Drill N of the selected tables, chosen at random. Default: every selected table.")
    private Integer sample;

    @Option(names = "--keep", order = 21, description = "Keep the scratch tables (they cost storage: delete them).")
    private boolean keep;

    @Option(names = "--wait-timeout", paramLabel = "D", order = 22, converter = DurationConverter.class,
            description = "How long each scratch table may take to become ACTIVE, e.g. 30m. Default: 2h.")
    private Duration waitTimeout;

    @Option(names = "--report", paramLabel = "FILE", order = 23, description = "Write the JSON report to FILE.")
    private Path reportPath;

    @Option(names = "--dry-run", order = 24,
            description = "Choose the tables and their backups and show the plan; restore nothing.")
    private boolean dryRun;

    private TableSelection tables;
    private BackupPlan scratchNames;
    /** Set by Ctrl-C's clean-up, under the lock of the set of restores asked for: no restore starts after it. */
    private boolean stopped;
    private Optional<ReportFile> report;

    @Override
    public void prepare(CommandContext context) {
        target.validate(context.environment());
        selection.validate(target.isLocal());
        if (sample != null && sample < 1) {
            throw usage("--sample: " + sample + " violates at least 1 table");
        }
        if (waitTimeout != null && (waitTimeout.isNegative() || waitTimeout.isZero())) {
            throw usage("--wait-timeout: " + waitTimeout + " violates a positive duration such as 30m");
        }
        try {
            scratchNames = BackupPlan.builder().nameTemplate(SCRATCH_TEMPLATE).clock(context.clock()).build();
        } catch (InvalidOptionException e) {
            throw new IllegalStateException(e);
        }
        tables = selection.toSelection(target.region());
        report = ReportFile.ofOption(spec.commandLine(), "--report", reportPath, ReportFile.OWNER_ONLY);
    }

    @Override
    public Mono<Integer> run(CommandContext context) {
        Instant startedAt = context.clock().instant();
        return Mono.usingWhen(target.open(builder -> builder.rateLimiter(
                                context.rateLimiters().apply(RateLimits.DEFAULT)), true, EmulatorRateLimits.DEFAULT),
                opened -> tables.tables(opened.client()).collectList()
                        .zipWith(newestBackups(opened.client()))
                        .publishOn(Schedulers.boundedElastic())
                        .flatMap(chosen -> drillAll(opened, chosen.getT1(), chosen.getT2(), startedAt, context)),
                Target::close);
    }

    /** The newest AVAILABLE backup of every table that has one: one ListBackups listing, 100 backups a page. */
    private static Mono<Map<String, BackupSummary>> newestBackups(DynamoDbBackupClient client) {
        return client.listBackups(ListBackupsRequest.builder().backupType(BackupTypeFilter.ALL).build())
                .filter(backup -> backup.backupStatus().filter(BackupStatus.AVAILABLE::equals).isPresent()
                        && backup.tableName().isPresent() && backup.backupArn().isPresent())
                .collect(TreeMap::new, (newest, backup) -> newest.merge(backup.tableName().get(), backup,
                        RestoreCommand::newest));
    }

    private Mono<Integer> drillAll(Target opened, List<String> selected, Map<String, BackupSummary> backups,
                                   Instant startedAt, CommandContext context) {
        PrintWriter out = context.out();
        List<String> chosen = choose(selected);
        Instant at = context.clock().instant();
        out.println((dryRun ? "would drill " : "drilling ") + Plural.of(chosen.size(), "table") + " of "
                + selected.size() + " selected" + (keep ? ", keeping the scratch tables" : ""));
        if (chosen.isEmpty()) {
            out.println("drill: no table matched; nothing to drill");
            return writeReport(new DrillReport(startedAt.toString(), context.clock().instant().toString(),
                    opened.endpoint(), opened.region(), false, List.of()), DdbBackup.EXIT_FAILED);
        }
        if (dryRun) {
            for (String table : chosen) {
                Optional<BackupSummary> backup = Optional.ofNullable(backups.get(table));
                out.println("  " + table + ": " + backup.map(b -> "would restore " + b.backupName().orElse("?")
                                + " (" + b.backupArn().orElseThrow() + ") to " + scratchNames.backupNameFor(table, at))
                        .orElse("no AVAILABLE backup: would fail"));
            }
            out.println("drill: dry run, nothing restored");
            return Mono.just(DdbBackup.EXIT_OK);
        }
        Set<String> asked = ConcurrentHashMap.newKeySet();
        Duration timeout = waitTimeout != null ? waitTimeout : RestoreCommand.DEFAULT_WAIT_TIMEOUT;
        return Flux.fromIterable(chosen)
                .flatMap(table -> drill(opened.client(), table, Optional.ofNullable(backups.get(table)),
                        scratchNames.backupNameFor(table, at), timeout, asked, context), CONCURRENCY)
                .publishOn(Schedulers.boundedElastic())
                .doOnNext(result -> result.print(out))
                .takeUntilOther(context.interrupt())
                .collectList()
                .flatMap(results -> {
                    boolean interrupted = results.size() < chosen.size();
                    Mono<List<DrillResult>> cleaned = interrupted ? cleanUp(opened.client(), asked, results, out)
                            : Mono.just(results);
                    return cleaned.flatMap(all -> {
                        int code = interrupted ? DdbBackup.EXIT_INTERRUPTED
                                : all.stream().allMatch(DrillResult::passed) ? DdbBackup.EXIT_OK
                                : DdbBackup.EXIT_FAILED;
                        summarize(all, interrupted, out);
                        return writeReport(new DrillReport(startedAt.toString(), context.clock().instant().toString(),
                                opened.endpoint(), opened.region(), interrupted, all), code);
                    });
                });
    }

    private List<String> choose(List<String> selected) {
        List<String> chosen = new ArrayList<>(selected);
        if (sample != null && sample < chosen.size()) {
            Collections.shuffle(chosen, new Random());
            chosen = new ArrayList<>(chosen.subList(0, sample));
        }
        Collections.sort(chosen);
        return chosen;
    }

    /** One table's drill; every failure ends as a result, never as an error of the whole job. */
    private Mono<DrillResult> drill(DynamoDbBackupClient client, String table, Optional<BackupSummary> newest,
                                    String scratch, Duration timeout, Set<String> asked, CommandContext context) {
        if (newest.isEmpty()) {
            return Mono.just(DrillResult.failed(table, null, null, "no AVAILABLE backup", "not created"));
        }
        String backupArn = newest.get().backupArn().orElseThrow();
        return client.describeBackup(backupArn)
                .flatMap(backup -> {
                    Instant requested = context.clock().instant();
                    synchronized (asked) {
                        // An answer that raced Ctrl-C must not start a restore after the clean-up took its list.
                        if (stopped) {
                            return Mono.error(new IllegalStateException("interrupted before the restore"));
                        }
                        asked.add(scratch);
                    }
                    return client.restoreTableFromBackup(RestoreRequest.builder(scratch, backupArn).build())
                            .then(client.awaitTableActive(scratch, timeout))
                            .flatMap(active -> {
                                double seconds = Duration.between(requested, context.clock().instant()).toMillis()
                                        / 1000.0;
                                List<DrillChecks.Check> checks = DrillChecks.of(backup, active);
                                return scratchEnd(client, scratch, asked)
                                        .map(end -> new DrillResult(table, backupArn, backup.backupDetails()
                                                .map(d -> d.backupCreationDateTime().toString()).orElse(null),
                                                scratch, seconds, checks, end, null));
                            });
                })
                .onErrorResume(e -> e instanceof RuntimeException, e -> scratchEnd(client, scratch, asked)
                        .map(end -> DrillResult.failed(table, backupArn, scratch, Report.ErrorInfo.of(e).code()
                                + ": " + Report.ErrorInfo.of(e).message(), end)));
    }

    /** What becomes of a scratch table once its drill is over: deleted, kept, or not created at all. */
    private Mono<String> scratchEnd(DynamoDbBackupClient client, String scratch, Set<String> asked) {
        if (!asked.contains(scratch)) {
            return Mono.just("not created");
        }
        if (keep) {
            asked.remove(scratch);
            return Mono.just("kept");
        }
        return client.deleteTable(scratch)
                .then(Mono.fromCallable(() -> {
                    asked.remove(scratch);
                    return "deleted";
                }))
                .onErrorResume(ResourceNotFoundException.class, absent -> Mono.fromCallable(() -> {
                    asked.remove(scratch);
                    return "not created";
                }))
                .onErrorResume(e -> Mono.just("NOT deleted (" + Report.ErrorInfo.of(e).code() + "): delete it"
                        + " yourself"));
    }

    /**
     * After Ctrl-C: each scratch table whose restore was asked for and that is not dealt with yet is waited for a
     * moment and deleted; what cannot be deleted within the grace period is listed. Either way each gets a result.
     */
    private Mono<List<DrillResult>> cleanUp(DynamoDbBackupClient client, Set<String> asked,
                                            List<DrillResult> results, PrintWriter out) {
        List<String> left;
        synchronized (asked) {
            stopped = true;
            left = asked.stream().sorted().toList();
        }
        if (!keep && !left.isEmpty()) {
            out.println("interrupted: deleting " + Plural.of(left.size(), "scratch table") + " already asked for");
        }
        Duration each = DdbBackup.INTERRUPT_GRACE.dividedBy(2);
        return Flux.fromIterable(left)
                // A table still CREATING cannot be deleted: waited for a moment; one never created is not found.
                .flatMap(scratch -> (keep ? Mono.just("kept") : client.awaitTableActive(scratch, each)
                        .onErrorResume(notActive -> Mono.empty())
                        .then(scratchEnd(client, scratch, asked)))
                        .map(end -> DrillResult.failed(tableOf(scratch), null, scratch, "interrupted", end)),
                        CONCURRENCY)
                .publishOn(Schedulers.boundedElastic())
                .doOnNext(result -> result.print(out))
                .collectList()
                .map(cleaned -> {
                    List<DrillResult> all = new ArrayList<>(results);
                    all.addAll(cleaned);
                    return all;
                });
    }

    private static String tableOf(String scratch) {
        int drill = scratch.lastIndexOf("-drill-");
        return drill > 0 ? scratch.substring(0, drill) : scratch;
    }

    private static void summarize(List<DrillResult> results, boolean interrupted, PrintWriter out) {
        long passed = results.stream().filter(DrillResult::passed).count();
        List<String> left = results.stream().filter(r -> r.scratchTable() != null && r.scratch().startsWith("NOT"))
                .map(DrillResult::scratchTable).toList();
        out.println("drill: " + passed + " passed, " + (results.size() - passed) + " failed"
                + (interrupted ? " (interrupted)" : "") + (left.isEmpty() ? ""
                : "; scratch tables NOT deleted, delete them yourself: " + String.join(", ", left)));
    }

    private Mono<Integer> writeReport(DrillReport drillReport, int code) {
        return report.map(file -> file.write(drillReport)).orElse(Mono.empty()).thenReturn(code);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /**
     * The drill's JSON report.
     *
     * @param interrupted whether Ctrl-C stopped it
     * @param tables      one entry per table drilled, in the order they finished
     */
    record DrillReport(String startedAt, String finishedAt, String endpoint, String region, boolean interrupted,
                       Summary summary, List<DrillResult> tables) {
        DrillReport {
            tables = List.copyOf(tables);
        }

        DrillReport(String startedAt, String finishedAt, String endpoint, String region, boolean interrupted,
                    List<DrillResult> tables) {
            this(startedAt, finishedAt, endpoint, region, interrupted, Summary.of(tables), tables);
        }
    }

    /**
     * The drill's counts.
     *
     * @param scratchTablesLeft scratch tables that could not be deleted: delete them yourself
     */
    record Summary(int drilled, long passed, long failed, long scratchTablesKept, List<String> scratchTablesLeft) {
        static Summary of(List<DrillResult> tables) {
            long passed = tables.stream().filter(DrillResult::passed).count();
            return new Summary(tables.size(), passed, tables.size() - passed,
                    tables.stream().filter(r -> r.scratch().equals("kept")).count(),
                    tables.stream().filter(r -> r.scratch().startsWith("NOT")).map(DrillResult::scratchTable)
                            .toList());
        }
    }

    /**
     * One table's drill.
     *
     * @param backupArn      the backup restored
     * @param scratchTable   the table it was restored to
     * @param restoreSeconds from the restore's request to the table seen ACTIVE
     * @param checks         each check, passed or failed, with the values compared
     * @param scratch        deleted, kept, not created, or NOT deleted (then delete it yourself)
     * @param error          why the drill could not check the table
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DrillResult(String table, @Nullable String backupArn, @Nullable String backupCreatedAt,
                       @Nullable String scratchTable, @Nullable Double restoreSeconds,
                       List<DrillChecks.Check> checks, String scratch, @Nullable String error) {

        static DrillResult failed(String table, @Nullable String backupArn, @Nullable String scratchTable,
                                  String error, String scratch) {
            return new DrillResult(table, backupArn, null, scratchTable, null, List.of(), scratch, error);
        }

        /** PASSED or FAILED: the {@code status} every command's report entries carry (DESIGN.md). */
        @JsonProperty(value = "status", index = 1)
        String status() {
            return passed() ? "PASSED" : "FAILED";
        }

        /** Whether the drill checked the table and no check failed. */
        boolean passed() {
            return error == null && !checks.isEmpty() && checks.stream().noneMatch(DrillChecks.Check::failed);
        }

        void print(PrintWriter out) {
            if (error != null) {
                out.println("  FAIL " + table + ": " + error + "; scratch table " + (scratchTable == null ? ""
                        : scratchTable + " ") + scratch);
                return;
            }
            List<String> failed = checks.stream().filter(DrillChecks.Check::failed)
                    .map(c -> c.check() + " expected " + c.expected() + ", got " + c.actual()).toList();
            long checked = checks.stream().filter(c -> c.passed() != null).count();
            out.println("  " + (failed.isEmpty() ? "PASS " : "FAIL ") + table + ": restored " + backupArn + " in "
                    + String.format("%.1f", restoreSeconds) + " s; " + (failed.isEmpty()
                    ? checked + " checks passed" : String.join("; ", failed)) + "; scratch table " + scratchTable
                    + " " + scratch);
        }
    }
}
