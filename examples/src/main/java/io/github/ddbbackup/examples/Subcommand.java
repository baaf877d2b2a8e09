package io.github.ddbbackup.examples;

import reactor.core.publisher.Mono;

/** A command of {@code ddb-backup}, parsed by picocli, run as a publisher of its exit code. */
interface Subcommand {

    /**
     * Checks the options together and reads the files they name. Runs off the event loops (it may block on files).
     *
     * @throws picocli.CommandLine.ParameterException for a usage error (exit 2)
     */
    void prepare(CommandContext context);

    /**
     * Runs the command. The Mono may also fail with a {@link picocli.CommandLine.ParameterException} (a usage error
     * only found when connecting, such as an endpoint the client refuses).
     *
     * @return the exit code: {@link DdbBackup#EXIT_OK}, {@link DdbBackup#EXIT_FAILED}, ...
     */
    Mono<Integer> run(CommandContext context);
}
