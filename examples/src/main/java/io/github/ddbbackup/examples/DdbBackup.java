package io.github.ddbbackup.examples;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * The {@code ddb-backup} command: {@code backup}, {@code list}, {@code prune}, {@code restore} and {@code drill} against DynamoDB or the in-process
 * emulator. Run it with {@code ./ddb-backup} or {@code java -jar examples/target/ddb-backup.jar}.
 *
 * <p>{@link #run} parses the arguments and returns the command as a Mono of its exit code; only {@link #main} waits
 * for it.
 */
@Command(name = "ddb-backup", mixinStandardHelpOptions = true, version = DdbBackup.VERSION,
        subcommands = {BackupCommand.class, ListCommand.class, PruneCommand.class, RestoreCommand.class,
                DrillCommand.class, PitrCommand.class,
                CommandLine.HelpCommand.class},
        description = "Back up DynamoDB tables with on-demand backups, as fast as DynamoDB allows and no faster;"
                + " list and prune backups; restore them, and rehearse restores with a drill.")
public final class DdbBackup {

    /** What {@code -V} prints, for the command and every subcommand. */
    static final String VERSION = "ddb-backup 0.1.0";

    /** Every table backed up (every backup deleted, for prune). */
    public static final int EXIT_OK = 0;
    /** Some tables (or deletions) failed; the report says which and why. */
    public static final int EXIT_FAILED = 1;
    /** The arguments were wrong; nothing was done. */
    public static final int EXIT_USAGE = 2;
    /** Stopped by Ctrl-C (128 + SIGINT): calls in flight finished, the report was written. */
    public static final int EXIT_INTERRUPTED = 130;

    /** How long Ctrl-C waits for calls in flight and the last report before the process ends anyway. */
    static final Duration INTERRUPT_GRACE = Duration.ofSeconds(15);

    private final CommandContext context;

    DdbBackup(CommandContext context) {
        this.context = context;
    }

    /**
     * Runs {@code ddb-backup} with these arguments and exits with its code. Ctrl-C stops starting new backups, lets
     * those in flight finish for up to {@link #INTERRUPT_GRACE}, and writes the report.
     */
    public static void main(String[] args) {
        Sinks.Empty<Void> interrupt = Sinks.empty();
        CountDownLatch finished = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            interrupt.tryEmitEmpty();
            try {
                finished.await(INTERRUPT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ddb-backup-interrupt"));
        Integer code;
        try {
            code = new DdbBackup(CommandContext.system(interrupt.asMono())).run(args).block();
        } finally {
            finished.countDown();
        }
        System.exit(code == null ? EXIT_FAILED : code);
    }

    /**
     * Parses {@code args} and runs the command they name. Usage errors print what is wrong and where the help is, and
     * give {@link #EXIT_USAGE}; an unexpected failure prints its message and gives {@link #EXIT_FAILED}.
     */
    Mono<Integer> run(String... args) {
        CommandLine commandLine = new CommandLine(this)
                .setOut(context.out())
                .setErr(context.err())
                .setCaseInsensitiveEnumValuesAllowed(true)
                // Plain help: its escape sequences would be printed escaped (TerminalSafeWriter), not as colours.
                .setColorScheme(Help.defaultColorScheme(Help.Ansi.OFF));
        return Mono.fromCallable(() -> prepare(commandLine, args))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(command -> command)
                .onErrorResume(ParameterException.class, e -> Mono.fromCallable(() -> usageError(e))
                        .subscribeOn(Schedulers.boundedElastic()))
                .onErrorResume(e -> !(e instanceof ParameterException), e -> context.failed("ddb-backup: "
                        + e.getMessage()))
                .publishOn(Schedulers.boundedElastic())
                .doOnNext(code -> {
                    context.out().flush();
                    context.err().flush();
                });
    }

    /**
     * Prints what is wrong, suggestions for a mistyped option or command, and one line pointing to the help: the error
     * stays the last thing on the screen, not buried above the whole usage.
     */
    private int usageError(ParameterException e) {
        PrintWriter err = context.err();
        err.println("ddb-backup: " + e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
        return EXIT_USAGE;
    }

    /** Parses and prepares; help and version are answered here. Blocking: runs off the event loops. */
    private Mono<Integer> prepare(CommandLine commandLine, String[] args) {
        ParseResult parsed = commandLine.parseArgs(args);
        Integer helped = CommandLine.executeHelpRequest(parsed);
        if (helped != null) {
            return Mono.just(helped);
        }
        if (!parsed.hasSubcommand()) {
            throw new ParameterException(commandLine, "missing command: give backup, list, prune, restore or drill");
        }
        Subcommand command = (Subcommand) parsed.subcommand().commandSpec().userObject();
        command.prepare(context);
        return command.run(context);
    }
}
