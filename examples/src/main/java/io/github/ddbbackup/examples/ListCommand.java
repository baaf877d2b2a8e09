package io.github.ddbbackup.examples;

import io.github.ddbbackup.core.BackupTypeFilter;
import io.github.ddbbackup.core.ListBackupsRequest;
import io.github.ddbbackup.core.error.DynamoDbCallException;
import io.github.ddbbackup.emulator.EmulatorRateLimits;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** {@code ddb-backup list}: the backups of the account and region, or of one table. */
@Command(name = "list", sortOptions = false, mixinStandardHelpOptions = true, version = DdbBackup.VERSION,
        description = {"List the backups (ListBackups, every type), of one table or all.",
                "With --local, the emulator's tables come with a few backups dated in the past."})
final class ListCommand implements Subcommand {

    @Spec
    private CommandSpec spec;

    @Mixin
    private TargetOptions target;

    @Option(names = "--table", paramLabel = "T", order = 1, description = "Only the backups of table T.")
    private String table;

    @Option(names = "--json", order = 2, description = "Print a JSON array instead of a text table.")
    private boolean json;

    private ListBackupsRequest request;

    @Override
    public void prepare(CommandContext context) {
        target.validate(context.environment());
        try {
            request = ListBackupsRequest.builder().tableName(table).backupType(BackupTypeFilter.ALL).build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--table: " + e.getMessage());
        }
    }

    @Override
    public Mono<Integer> run(CommandContext context) {
        return Mono.usingWhen(target.open(UnaryOperator.identity(), true, EmulatorRateLimits.DEFAULT),
                opened -> opened.client().listBackups(request)
                        .map(BackupListing::of)
                        .collectList()
                        .publishOn(Schedulers.boundedElastic())
                        .map(backups -> print(backups, context.out()))
                        .onErrorResume(DynamoDbCallException.class, e -> context.failed("ddb-backup list: ListBackups"
                                + " failed: " + e.getMessage())),
                Target::close);
    }

    private int print(List<BackupListing> backups, PrintWriter out) {
        if (json) {
            out.println(BackupListing.json(backups));
        } else {
            out.println(BackupListing.heading());
            backups.forEach(backup -> out.println(backup.row()));
            out.println(Plural.of(backups.size(), "backup"));
        }
        return DdbBackup.EXIT_OK;
    }
}
