package io.github.ddbbackup.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.emulator.DynamoDbEmulator;
import io.github.ddbbackup.emulator.DynamoDbEmulatorExtension;
import io.github.ddbbackup.ratelimit.RateLimiter;
import io.github.ddbbackup.ratelimit.RateLimits;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import reactor.core.publisher.Mono;

/** Runs {@code ddb-backup} in-process, capturing what it prints. */
final class Cli {

    /** No command of these tests takes longer; a hang fails the test instead of the build. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    static {
        // The AWS default credentials chain reads these first: --endpoint runs sign with the emulator's credentials.
        System.setProperty("aws.accessKeyId", DynamoDbEmulator.DEFAULT_ACCESS_KEY_ID);
        System.setProperty("aws.secretAccessKey", DynamoDbEmulator.DEFAULT_SECRET_ACCESS_KEY);
    }

    private Cli() {
    }

    /** What a run printed, and its exit code. */
    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        return run(Mono.never(), args);
    }

    /** Runs with an interrupt signal (Ctrl-C when it completes). */
    static Result run(Mono<Void> interrupt, String... args) {
        return run(interrupt, CommandContext.TOKEN_BUCKETS, System.getenv(), args);
    }

    /** Runs with these rate limiters in place of the client's token buckets timed in real time. */
    static Result run(Function<RateLimits, RateLimiter> rateLimiters, String... args) {
        return run(Mono.never(), rateLimiters, System.getenv(), args);
    }

    /** Runs with these environment variables in place of the process's. */
    static Result run(Map<String, String> environment, String... args) {
        return run(Mono.never(), CommandContext.TOKEN_BUCKETS, environment, args);
    }

    /** Runs with {@code clock} as the job's clock (report times, elapsed time, call spans). */
    static Result run(Clock clock, String... args) {
        return run(Mono.never(), CommandContext.TOKEN_BUCKETS, System.getenv(), clock, args);
    }

    private static Result run(Mono<Void> interrupt, Function<RateLimits, RateLimiter> rateLimiters,
                              Map<String, String> environment, String... args) {
        return run(interrupt, rateLimiters, environment, Clock.systemUTC(), args);
    }

    private static Result run(Mono<Void> interrupt, Function<RateLimits, RateLimiter> rateLimiters,
                              Map<String, String> environment, Clock clock, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandContext context = new CommandContext(new PrintWriter(out, true), new PrintWriter(err, true),
                Optional.empty(), clock, interrupt, CommandContext.DEFAULT_PROGRESS_INTERVAL,
                rateLimiters, environment);
        Integer code = new DdbBackup(context).run(args).block(TIMEOUT);
        return new Result(code, out.toString(), err.toString());
    }

    /**
     * Runs each case's arguments and checks that it ends as a usage error (exit 2) whose message contains the case's
     * text.
     */
    static void assertUsageErrors(Map<List<String>, String> cases) {
        cases.forEach((args, message) -> {
            Result result = run(args.toArray(String[]::new));
            assertEquals(DdbBackup.EXIT_USAGE, result.code(), args + ": " + result.err());
            assertTrue(result.err().contains(message), args + ": " + result.err());
        });
    }

    /** {@code args} followed by the target options of {@code emulator}. */
    static String[] against(DynamoDbEmulator emulator, String... args) {
        return Stream.concat(Stream.of(args),
                        Stream.of("--endpoint", emulator.endpoint().toString(), "--region", emulator.region()))
                .toArray(String[]::new);
    }

    /**
     * An emulator started by {@code emulators} (closed with its test or class) with {@code count} tables
     * {@code t-00..}, DynamoDB's rate limits on.
     */
    static DynamoDbEmulator emulator(DynamoDbEmulatorExtension emulators, int count) {
        DynamoDbEmulator emulator = emulators.start();
        emulator.createTables("t-", count);
        return emulator;
    }
}
