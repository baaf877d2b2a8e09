package io.github.ddbbackup.examples;

import io.github.ddbbackup.ratelimit.RateLimiter;
import io.github.ddbbackup.ratelimit.RateLimits;
import io.github.ddbbackup.ratelimit.TokenBucketRateLimiter;
import java.io.Console;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * What a command runs with: where it prints, whether that is a terminal, its clock, and the signal to stop early.
 *
 * @param out              results and progress
 * @param err              usage errors and warnings
 * @param terminal         the stream behind {@code out} when it is an interactive terminal (a progress bar is drawn
 *                         there); empty otherwise (periodic progress lines)
 * @param clock            timestamps of the report and the backup names
 * @param interrupt        completes when the job should stop starting new calls (Ctrl-C); never, in tests
 * @param progressInterval how often a progress line is printed when {@code out} is not a terminal
 * @param rateLimiters     the client's token buckets for given limits: {@link #TOKEN_BUCKETS}, timed by Reactor's
 *                         parallel scheduler as the client's own would be; tests time them on virtual time
 * @param environment      the environment variables the command reads (the process's, or a test's)
 */
record CommandContext(PrintWriter out, PrintWriter err, Optional<PrintStream> terminal, Clock clock,
                      Mono<Void> interrupt, Duration progressInterval,
                      Function<RateLimits, RateLimiter> rateLimiters, Map<String, String> environment) {

    /** Between two plain progress lines: often enough to show life in a CI log, rare enough to keep it short. */
    static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofSeconds(5);

    /** The limiter the client builds by default: in-process token buckets timed by {@code Schedulers.parallel()}. */
    static final Function<RateLimits, RateLimiter> TOKEN_BUCKETS =
            limits -> TokenBucketRateLimiter.create(limits, Schedulers.parallel());

    CommandContext {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(terminal, "terminal");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(interrupt, "interrupt");
        Objects.requireNonNull(progressInterval, "progressInterval");
        Objects.requireNonNull(rateLimiters, "rateLimiters");
        // Everything printed is escaped: table names and server messages come from outside.
        out = TerminalSafeWriter.wrap(out);
        err = TerminalSafeWriter.wrap(err);
        environment = Map.copyOf(environment);
    }

    /** Prints {@code message} to {@code err}, off the event loops, and gives {@link DdbBackup#EXIT_FAILED}. */
    Mono<Integer> failed(String message) {
        return Mono.fromCallable(() -> {
            err.println(message);
            return DdbBackup.EXIT_FAILED;
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * Prints {@code notice} to {@code err} as {@code ddb-backup: <notice>}, off the event loop that calls it (a
     * selection telling that it reads tags one table at a time); returns at once.
     */
    void notice(String notice) {
        Schedulers.boundedElastic().schedule(() -> err.println("ddb-backup: " + notice));
    }

    /** The process's standard streams, UTC, stopping when {@code interrupt} completes. */
    static CommandContext system(Mono<Void> interrupt) {
        Charset charset = Charset.defaultCharset();
        return new CommandContext(new PrintWriter(System.out, true, charset), new PrintWriter(System.err, true, charset),
                stdoutIsTerminal() ? Optional.of(System.out) : Optional.empty(), Clock.systemUTC(), interrupt,
                DEFAULT_PROGRESS_INTERVAL, TOKEN_BUCKETS, System.getenv());
    }

    /**
     * Whether standard output is an interactive terminal. Up to JDK 21 {@code System.console()} is null whenever a
     * stream is redirected; from JDK 22 it exists anyway and {@code isTerminal()} tells (looked up reflectively, as the
     * build targets 17). CI and dumb terminals get plain lines either way.
     */
    private static boolean stdoutIsTerminal() {
        Console console = System.console();
        if (console == null || System.getenv("CI") != null || "dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException beforeJdk22) {
            return true;
        }
    }
}
