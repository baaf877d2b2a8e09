package io.github.ddbbackup.examples;

import io.github.ddbbackup.core.BackupSummary;
import io.github.ddbbackup.core.BackupTypeFilter;
import io.github.ddbbackup.core.ListBackupsRequest;
import io.github.ddbbackup.core.error.DynamoDbCallException;
import io.github.ddbbackup.emulator.EmulatorRateLimits;
import io.github.ddbbackup.ratelimit.RateLimits;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
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
 * {@code ddb-backup prune}: applies a retention rule with ListBackups and DeleteBackup. Deletions go through the
 * client's DeleteBackup token bucket (DynamoDB allows 10 per second), a few at a time.
 */
@Command(name = "prune", sortOptions = false, mixinStandardHelpOptions = true, version = DdbBackup.VERSION,
        description = {"Delete on-demand backups older than --older-than, keeping each table's --keep-last newest.",
                "Exit codes: 0 every deletion done, 1 some failed, 2 usage error."})
final class PruneCommand implements Subcommand {

    /** Deletions in flight at once; the DeleteBackup rate limit paces them anyway. */
    static final int DELETE_CONCURRENCY = 10;

    @Spec
    private CommandSpec spec;

    @Mixin
    private TargetOptions target;

    @Option(names = "--older-than", paramLabel = "AGE", required = true, order = 1,
            converter = DurationConverter.class,
            description = "Delete backups created longer ago than AGE: 30d, 12h, 2w, or ISO-8601 (P30D).")
    private Duration olderThan;

    @Option(names = "--keep-last", paramLabel = "N", order = 2, defaultValue = "0",
            description = "Keep each table's N newest backups, however old. Default: ${DEFAULT-VALUE}.")
    private int keepLast;

    @Option(names = "--dry-run", order = 3, description = "Show what would be deleted; delete nothing.")
    private boolean dryRun;

    @Option(names = "--table", paramLabel = "T", order = 4,
            description = "Only the backups of table T (a name or table ARN). Default: every table's.")
    private String table;

    /** Backups created before this are old; whole seconds, as ListBackups takes them. */
    private Instant cutoff;
    private ListBackupsRequest listing;

    @Override
    public void prepare(CommandContext context) {
        target.validate(context.environment());
        if (olderThan.isNegative() || olderThan.isZero()) {
            throw usage("--older-than: " + olderThan + " violates a positive age such as 30d");
        }
        if (keepLast < 0) {
            throw usage("--keep-last: " + keepLast + " violates 0 or more");
        }
        cutoff = context.clock().instant().minus(olderThan).truncatedTo(ChronoUnit.SECONDS);
        try {
            // Without --keep-last only old backups matter, and DynamoDB can filter them.
            listing = ListBackupsRequest.builder()
                    .tableName(table)
                    .backupType(BackupTypeFilter.USER)
                    .timeRangeUpperBound(keepLast == 0 ? cutoff : null)
                    .build();
        } catch (IllegalArgumentException e) {
            throw usage("--table: " + e.getMessage());
        }
    }


    @Override
    public Mono<Integer> run(CommandContext context) {
        Retention retention = new Retention(cutoff, keepLast);
        // DynamoDB's limits, DeleteBackup's 10 per second among them, from the context's token buckets.
        return Mono.usingWhen(target.open(builder -> builder.rateLimiter(
                        context.rateLimiters().apply(RateLimits.DEFAULT)), true,
                        EmulatorRateLimits.DEFAULT),
                opened -> opened.client().listBackups(listing)
                        .collectList()
                        .map(retention::toDelete)
                        .publishOn(Schedulers.boundedElastic())
                        .doOnNext(doomed -> context.out().println((dryRun ? "would delete " : "deleting ")
                                + Plural.of(doomed.size(), "backup") + " created before " + cutoff
                                + (keepLast > 0 ? ", keeping each table's " + keepLast + " newest" : "")))
                        .flatMapMany(doomed -> dryRun ? Flux.fromIterable(doomed).map(Deletion::planned)
                                : Flux.fromIterable(doomed).flatMap(backup -> delete(opened, backup),
                                DELETE_CONCURRENCY))
                        .publishOn(Schedulers.boundedElastic())
                        .doOnNext(deletion -> deletion.print(context.out()))
                        .collectList()
                        .map(deletions -> summarize(deletions, context.out()))
                        .onErrorResume(DynamoDbCallException.class, e -> context.failed("ddb-backup prune: ListBackups"
                                + " failed: " + e.getMessage())),
                Target::close);
    }

    private static Mono<Deletion> delete(Target target, BackupSummary backup) {
        return target.client().deleteBackup(backup.backupArn().orElseThrow())
                .map(deleted -> new Deletion(backup, false, Optional.empty()))
                .onErrorResume(e -> Mono.just(new Deletion(backup, false, Optional.of(e))));
    }

    private int summarize(List<Deletion> deletions, PrintWriter out) {
        long failed = deletions.stream().filter(Deletion::failed).count();
        if (dryRun) {
            out.println("prune: dry run, " + Plural.of(deletions.size(), "backup") + " would be deleted, none was");
        } else {
            out.println("prune: " + (deletions.size() - failed) + " deleted, " + failed + " failed");
        }
        return failed > 0 ? DdbBackup.EXIT_FAILED : DdbBackup.EXIT_OK;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /**
     * What happened to one backup.
     *
     * @param backup  the backup
     * @param planned a dry run: nothing was sent
     * @param error   why DeleteBackup failed
     */
    private record Deletion(BackupSummary backup, boolean planned, Optional<Throwable> error) {

        static Deletion planned(BackupSummary backup) {
            return new Deletion(backup, true, Optional.empty());
        }

        boolean failed() {
            return error.isPresent();
        }

        void print(PrintWriter out) {
            BackupListing shown = BackupListing.of(backup);
            String what = shown.table() + " " + shown.backupName() + " (created " + shown.createdAt() + ", "
                    + shown.backupArn() + ")";
            out.println(planned ? "  would delete " + what
                    : error.map(e -> "  FAILED to delete " + what + ": " + Report.ErrorInfo.of(e).code() + ": "
                    + Report.ErrorInfo.of(e).message()).orElse("  deleted " + what));
        }
    }
}
