package io.github.ddbbackup.examples;

import io.github.ddbbackup.core.BackupDescription;
import io.github.ddbbackup.core.BackupStatus;
import io.github.ddbbackup.core.BackupSummary;
import io.github.ddbbackup.core.BackupTypeFilter;
import io.github.ddbbackup.core.ListBackupsRequest;
import io.github.ddbbackup.core.RequestValidationException;
import io.github.ddbbackup.core.RestoreRequest;
import io.github.ddbbackup.core.SourceTableDetails;
import io.github.ddbbackup.core.SourceTableDetails.ProvisionedThroughput;
import io.github.ddbbackup.core.TableDescription;
import io.github.ddbbackup.core.error.DynamoDbCallException;
import io.github.ddbbackup.core.error.ResourceNotFoundException;
import io.github.ddbbackup.core.internal.Validation;
import io.github.ddbbackup.emulator.EmulatorRateLimits;
import io.github.ddbbackup.ratelimit.RateLimits;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code ddb-backup restore}: RestoreTableFromBackup of one backup to a new table, optionally waiting until it is
 * ACTIVE and copying what DynamoDB does not restore (tags, time to live, point-in-time recovery) from the source.
 */
@Command(name = "restore", sortOptions = false, mixinStandardHelpOptions = true, version = DdbBackup.VERSION,
        description = {"Restore a backup to a new table: --backup ARN, or a table's --latest backup (--before TIME).",
                "DynamoDB does not restore tags, time to live, point-in-time recovery, stream settings, auto scaling"
                        + " or alarms: --copy-settings copies the first three from the source table; the others are"
                        + " reported for you to set.",
                "Exit codes: 0 restored (and settings copied), 1 failed, 2 usage error, 130 interrupted (Ctrl-C)."})
final class RestoreCommand implements Subcommand {

    /** Long enough for a big table; a restore of terabytes can take longer: raise --wait-timeout. */
    static final Duration DEFAULT_WAIT_TIMEOUT = Duration.ofHours(2);
    /** A syntactically valid ARN standing in for the backup while the overrides are checked, before it is known. */
    private static final String PLACEHOLDER_ARN =
            "arn:aws:dynamodb:us-east-1:000000000000:table/placeholder/backup/00000000000000-00000000";

    @Spec
    private CommandSpec spec;

    @Mixin
    private TargetOptions target;

    @Option(names = "--backup", paramLabel = "ARN", order = 1, description = "The backup to restore.")
    private String backupArn;

    @Option(names = "--table", paramLabel = "T", order = 2,
            description = "With --latest: restore table T's newest AVAILABLE backup.")
    private String table;

    @Option(names = "--latest", order = 3, description = "With --table: its newest AVAILABLE backup.")
    private boolean latest;

    @Option(names = "--before", paramLabel = "TIME", order = 4,
            description = "With --latest: the newest backup created before TIME (ISO-8601, e.g. 2026-12-01T00:00:00Z).")
    private String beforeText;

    @Option(names = "--to", paramLabel = "NAME", order = 5, required = true,
            description = "The new table's name; it must not exist.")
    private String to;

    @Option(names = "--billing-mode", paramLabel = "MODE", order = 6,
            description = "Override: PROVISIONED or PAY_PER_REQUEST. Default: the backup's.")
    private String billingMode;

    @Option(names = "--read-capacity", paramLabel = "N", order = 7,
            description = "Override, with --write-capacity: the new table's read capacity units.")
    private Long readCapacity;

    @Option(names = "--write-capacity", paramLabel = "N", order = 8,
            description = "Override, with --read-capacity: the new table's write capacity units.")
    private Long writeCapacity;

    @Option(names = "--sse-kms-key", paramLabel = "KEY", order = 9,
            description = "Override: encrypt the new table with this KMS key (id, ARN or alias).")
    private String kmsKey;

    @Option(names = "--wait", order = 10, description = "Wait until the new table is ACTIVE.")
    private boolean waitActive;

    @Option(names = "--wait-timeout", paramLabel = "D", order = 11, converter = DurationConverter.class,
            description = "How long --wait (and --copy-settings) waits for ACTIVE, e.g. 30m, 2h. Default: 2h.")
    private Duration waitTimeout;

    @Option(names = "--copy-settings", order = 12,
            description = "Once ACTIVE (implies --wait): apply the source table's tags, time to live and"
                    + " point-in-time recovery, read from the source table when it still exists, else from"
                    + " --settings-from.")
    private boolean copySettings;

    @Option(names = "--settings-from", paramLabel = "FILE", order = 13,
            description = "With --copy-settings: the report of a 'backup --record-settings' run, for a source table"
                    + " that no longer exists.")
    private Path settingsFrom;

    @Option(names = "--dry-run", order = 14, description = "Find the backup and show the plan; restore nothing.")
    private boolean dryRun;

    @Option(names = "--report", paramLabel = "FILE", order = 15, description = "Write a JSON report to FILE.")
    private Path reportPath;

    private @Nullable Instant before;
    private Optional<ReportFile> report;
    private Optional<RecordedSettings> recorded;

    @Override
    public void prepare(CommandContext context) {
        target.validate(context.environment());
        if ((backupArn == null) == (table == null)) {
            throw usage("give the backup to restore: --backup ARN, or --table T --latest (not both)");
        }
        if (table != null && !latest) {
            throw usage("--table T restores T's newest backup: add --latest (or give --backup ARN)");
        }
        if (latest && table == null) {
            throw usage("--latest needs --table T");
        }
        if (beforeText != null) {
            if (!latest) {
                throw usage("--before applies to --latest");
            }
            try {
                before = Instant.parse(beforeText);
            } catch (DateTimeParseException e) {
                throw usage("--before: '" + beforeText + "' violates an ISO-8601 instant such as 2026-12-01T00:00:00Z");
            }
        }
        if ((readCapacity == null) != (writeCapacity == null)) {
            throw usage("--read-capacity and --write-capacity go together: give both");
        }
        if (waitTimeout != null && (waitTimeout.isNegative() || waitTimeout.isZero())) {
            throw usage("--wait-timeout: " + waitTimeout + " violates a positive duration such as 2h");
        }
        if (settingsFrom != null && !copySettings) {
            throw usage("--settings-from applies to --copy-settings");
        }
        try {
            if (backupArn != null) {
                Validation.backupArn("--backup", backupArn);
            }
            if (table != null) {
                Validation.tableNameOrArn("--table", table);
            }
            Validation.tableName("--to", to);
            // The overrides, checked now with a stand-in for the backup, which is known only once found.
            request(PLACEHOLDER_ARN);
        } catch (RequestValidationException e) {
            throw usage(String.valueOf(e.getMessage()).replace("BillingModeOverride", "--billing-mode")
                    .replace("ProvisionedThroughputOverride", "--read-capacity/--write-capacity"));
        }
        try {
            recorded = Optional.ofNullable(settingsFrom).map(RecordedSettings::read);
        } catch (IllegalArgumentException e) {
            throw usage("--settings-from: " + e.getMessage());
        }
        report = ReportFile.ofOption(spec.commandLine(), "--report", reportPath, ReportFile.OWNER_ONLY);
    }

    private RestoreRequest request(String arn) {
        return RestoreRequest.builder(to, arn)
                .billingModeOverride(billingMode)
                .provisionedThroughputOverride(readCapacity == null ? null
                        : new ProvisionedThroughput(readCapacity, writeCapacity))
                .sseSpecificationOverride(kmsKey == null ? null : new RestoreRequest.SseSpecification(
                        Optional.of(true), Optional.of("KMS"), Optional.of(kmsKey)))
                .build();
    }

    @Override
    public Mono<Integer> run(CommandContext context) {
        PrintWriter out = context.out();
        Map<String, Object> record = new LinkedHashMap<>();
        return Mono.usingWhen(target.open(builder -> builder.rateLimiter(
                                context.rateLimiters().apply(RateLimits.DEFAULT)), true, EmulatorRateLimits.DEFAULT),
                opened -> findBackup(opened)
                        .publishOn(Schedulers.boundedElastic())
                        .flatMap(backup -> restore(opened, backup, context, record))
                        .onErrorResume(NoBackup.class, e -> {
                            record.put("error", e.getMessage());
                            return context.failed("ddb-backup restore: " + e.getMessage());
                        })
                        .onErrorResume(DynamoDbCallException.class, e -> {
                            record.put("error", Report.ErrorInfo.of(e));
                            return context.failed("ddb-backup restore: " + Report.ErrorInfo.of(e).code() + ": "
                                    + Report.ErrorInfo.of(e).message());
                        })
                        .flatMap(code -> writeReport(record, code).thenReturn(code)),
                Target::close);
    }

    private Mono<BackupDescription> findBackup(Target opened) {
        if (backupArn != null) {
            return opened.client().describeBackup(backupArn);
        }
        ListBackupsRequest listing = ListBackupsRequest.builder().tableName(table).backupType(BackupTypeFilter.ALL)
                .timeRangeUpperBound(before).build();
        return opened.client().listBackups(listing)
                .filter(backup -> backup.backupStatus().filter(BackupStatus.AVAILABLE::equals).isPresent())
                .reduce((a, b) -> newest(a, b))
                .switchIfEmpty(Mono.error(() -> new NoBackup("no AVAILABLE backup of table " + table
                        + (before != null ? " created before " + before : ""))))
                .flatMap(newest -> opened.client().describeBackup(newest.backupArn().orElseThrow()));
    }

    /** The newer of two backups; of two created in the same instant, the later listed. */
    static BackupSummary newest(BackupSummary a, BackupSummary b) {
        Comparator<BackupSummary> byCreation = Comparator.comparing(s -> s.backupCreationDateTime()
                .orElse(Instant.EPOCH));
        // ListBackups lists in creation order: of two created in the same instant, the later listed is newer.
        return byCreation.compare(a, b) > 0 ? a : b;
    }

    private Mono<Integer> restore(Target opened, BackupDescription backup, CommandContext context,
                                  Map<String, Object> record) {
        PrintWriter out = context.out();
        String arn = backup.backupDetails().orElseThrow().backupArn();
        Optional<SourceTableDetails> source = backup.sourceTableDetails();
        String sourceName = source.map(SourceTableDetails::tableName).orElse("?");
        record.put("backupArn", arn);
        record.put("sourceTable", sourceName);
        record.put("targetTable", to);
        out.println((dryRun ? "would restore " : "restoring ") + "backup " + backup.backupDetails().orElseThrow()
                .backupName() + " of " + sourceName + " (created " + backup.backupDetails().orElseThrow()
                .backupCreationDateTime() + ", " + arn + ") to " + to);
        if (dryRun) {
            out.println("dry run: nothing restored" + (copySettings ? "; settings would be copied from "
                    + sourceName : ""));
            record.put("dryRun", true);
            return Mono.just(DdbBackup.EXIT_OK);
        }
        Instant started = context.clock().instant();
        Duration timeout = waitTimeout != null ? waitTimeout : DEFAULT_WAIT_TIMEOUT;
        Mono<Integer> job = opened.client().restoreTableFromBackup(request(arn))
                .publishOn(Schedulers.boundedElastic())
                .doOnNext(created -> {
                    out.println("RestoreTableFromBackup accepted: " + to + " is "
                            + created.tableStatus().orElse("?"));
                    record.put("restoreRequestedAt", started.toString());
                })
                .flatMap(created -> !(waitActive || copySettings) ? Mono.just(DdbBackup.EXIT_OK)
                        : opened.client().awaitTableActive(to, timeout)
                        .publishOn(Schedulers.boundedElastic())
                        .doOnNext(active -> {
                            Duration took = Duration.between(started, context.clock().instant());
                            out.println(to + " is ACTIVE after " + took.toSeconds() + " s");
                            record.put("activeAfterSeconds", took.toMillis() / 1000.0);
                        })
                        .flatMap(active -> copySettings ? copy(opened, source, active, out, record)
                                : Mono.just(DdbBackup.EXIT_OK)));
        return job.takeUntilOther(context.interrupt())
                .switchIfEmpty(Mono.fromCallable(() -> {
                    out.println("interrupted: " + to + " may exist (its restore was asked for); settings not"
                            + " copied");
                    record.put("interrupted", true);
                    return DdbBackup.EXIT_INTERRUPTED;
                }).subscribeOn(Schedulers.boundedElastic()))
                ;
    }

    private Mono<Integer> copy(Target opened, Optional<SourceTableDetails> source, TableDescription restored,
                               PrintWriter out, Map<String, Object> record) {
        String sourceName = source.map(SourceTableDetails::tableName).orElse(null);
        String restoredArn = restored.tableArn().orElseThrow();
        Mono<Optional<TableSettings>> fromSource = sourceName == null ? Mono.just(Optional.empty())
                : opened.client().describeTable(source.flatMap(SourceTableDetails::tableArn).orElse(sourceName))
                .filter(table -> source.map(SourceTableDetails::tableId).equals(table.tableId()))
                .flatMap(table -> TableSettings.read(opened.client(), table)).map(Optional::of)
                .onErrorResume(ResourceNotFoundException.class, gone -> Mono.just(Optional.empty()))
                .defaultIfEmpty(Optional.empty());
        return fromSource
                .map(found -> found.map(settings -> new Found(settings, "the source table " + sourceName))
                        .or(() -> recorded.flatMap(file -> file.of(opened.region(), sourceName)).map(settings -> new Found(settings,
                                "the settings recorded in " + settingsFrom))))
                .publishOn(Schedulers.boundedElastic())
                .flatMap(found -> {
                    if (found.isEmpty()) {
                        String why = "settings not copied: the source table " + sourceName + " no longer exists (or"
                                + " is another table of that name) and no recorded settings name it"
                                + " (--settings-from)";
                        out.println(why);
                        record.put("settings", why);
                        return Mono.just(DdbBackup.EXIT_FAILED);
                    }
                    out.println("copying settings from " + found.get().from());
                    return found.get().settings().applyTo(opened.client(), restoredArn)
                            .publishOn(Schedulers.boundedElastic())
                            .map(lines -> {
                                List<String> all = new ArrayList<>(lines);
                                all.addAll(found.get().settings().notRestored());
                                all.forEach(line -> out.println("  " + line));
                                record.put("settingsFrom", found.get().from());
                                record.put("settings", all);
                                return DdbBackup.EXIT_OK;
                            });
                });
    }

    /**
     * The report in the shape every command's report has (DESIGN.md): {@code summary} and one entry per table, here
     * the one restored, with its {@code status}: RESTORED, FAILED (with {@code error}, or interrupted after the
     * request: the table may exist) or SKIPPED (a dry run: nothing sent).
     */
    private Mono<Void> writeReport(Map<String, Object> record, int code) {
        String status = record.containsKey("dryRun") ? "SKIPPED" : code == DdbBackup.EXIT_OK ? "RESTORED" : "FAILED";
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("table", record.getOrDefault("sourceTable", table == null ? "" : table));
        entry.put("status", status);
        entry.putAll(record);
        Map<String, Object> document = new LinkedHashMap<>();
        Map<String, Integer> summary = new LinkedHashMap<>();
        summary.put("requested", 1);
        for (String counted : List.of("RESTORED", "FAILED", "SKIPPED")) {
            summary.put(counted.toLowerCase(java.util.Locale.ROOT), status.equals(counted) ? 1 : 0);
        }
        document.put("summary", summary);
        document.put("tables", List.of(entry));
        document.put("exitCode", code);
        return report.map(file -> file.write(document)).orElse(Mono.empty());
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** Settings to copy, and where they come from, as the output says it. */
    private record Found(TableSettings settings, String from) {
    }

    /** No backup matches {@code --table --latest [--before]}. */
    private static final class NoBackup extends RuntimeException {
        NoBackup(String message) {
            super(message, null, false, false);
        }
    }
}
