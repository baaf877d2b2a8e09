package io.github.ddbbackup.benchmarks;

import io.github.ddbbackup.emulator.DynamoDbEmulator;
import io.github.ddbbackup.emulator.EmulatorRateLimits;
import io.github.ddbbackup.emulator.EmulatorStats;
import io.github.ddbbackup.emulator.ReceivedRequest;
import io.github.ddbbackup.reactor.BackupOutcome;
import io.github.ddbbackup.reactor.BackupPlan;
import io.github.ddbbackup.reactor.DynamoDbBackupClient;
import io.github.ddbbackup.ratelimit.RateLimits;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.CreateBackupRequest;

/**
 * A bulk job against the emulator enforcing DynamoDB's documented 50 CreateBackup calls per second: our
 * {@code backupAll} (its token bucket at the default limits) against a naive fan-out over the AWS SDK (flatMap with
 * the same concurrency, the SDK's default retries). Exit code 1 when our job failed a table (a bug), never on timing.
 */
@Command(name = "bulk", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Bulk CreateBackup at the emulator's documented 50/s: our backupAll vs a naive SDK fan-out.")
final class BulkCommand implements Callable<Integer> {

    private static final String OPERATION = "CreateBackup";
    private static final String WARM_UP_TABLE = "warm-up";
    /** Long enough for the emulator's 1-second window to forget the previous job's calls. */
    private static final Duration BETWEEN_JOBS = Duration.ofMillis(1500);

    @Option(names = "--tables", defaultValue = "1000", description = "Tables to back up. Default: ${DEFAULT-VALUE}.")
    int tables;

    @Option(names = "--concurrency", defaultValue = "64",
            description = "Tables in flight (and pool size) for both. Default: ${DEFAULT-VALUE}.")
    int concurrency;

    @Option(names = "--warmup", defaultValue = "20",
            description = "CreateBackup calls each client makes before its job, as a running service would have made"
                    + " (0: measure a cold start). Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--jitter-margin",
            description = "Our client's RateLimits jitter margin (how much its 1-second window is stretched)."
                    + " Default: the client's default, RateLimits.DEFAULT_JITTER_MARGIN.")
    Duration jitterMargin;

    @Option(names = "--job-timeout", defaultValue = "PT10M",
            description = "Limit on one job. Default: ${DEFAULT-VALUE}.")
    Duration jobTimeout;

    private final PrintStream out;

    BulkCommand(PrintStream out) {
        this.out = out;
    }

    /** What one job did, as the job and as the emulator saw it. */
    record Job(String side, long wallNanos, int created, Map<String, Integer> failed, long httpAttempts, long calls,
               long limitExceeded, int maxCallsInAnyWindow, Duration firstRequestAfter, Duration requestSpan) {

        int failedCount() {
            return failed.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    @Override
    public Integer call() throws Exception {
        Validate.atLeast("--tables", tables, 1);
        Validate.atLeast("--concurrency", concurrency, 1);
        Validate.atLeast("--warmup", warmup, 0);
        out.println(Environment.describe());
        double floorSeconds = (double) tables / EmulatorRateLimits.CREATE_BACKUP_PER_SECOND;
        out.printf(Locale.ROOT, "bulk: %,d tables, concurrency %d, emulator enforcing %d CreateBackup/s;"
                        + " floor %.1f s; each client warmed with %d calls first%n", tables, concurrency,
                EmulatorRateLimits.CREATE_BACKUP_PER_SECOND, floorSeconds, warmup);
        try (DynamoDbEmulator emulator = DynamoDbEmulator.builder()
                .rateLimits(EmulatorRateLimits.DEFAULT)
                .requestLogCapacity(2 * tables + 1000)
                .build()) {
            emulator.start();
            List<String> names = emulator.createTables("bulk-", tables);
            emulator.createTable(WARM_UP_TABLE);
            Job ours;
            RateLimits limits = jitterMargin == null ? RateLimits.DEFAULT
                    : RateLimits.DEFAULT.withJitterMargin(jitterMargin);
            out.println("ours: " + limits);
            try (DynamoDbBackupClient client = OurContender.client(emulator, concurrency, limits)) {
                settle(Flux.range(0, warmup).flatMap(i -> client.createBackup(WARM_UP_TABLE, "warm-up-" + i), 4),
                        emulator.stats());
                ours = ours(client, names, emulator.stats());
            }
            Job sdk;
            try (SdkContender contender = SdkContender.on(emulator, concurrency)) {
                settle(Flux.range(0, warmup).flatMap(i -> Mono.fromFuture(() -> contender.client().createBackup(
                        b -> b.tableName(WARM_UP_TABLE).backupName("warm-up-" + i))), 4), emulator.stats());
                sdk = naiveSdk(contender.client(), names, emulator.stats());
            }
            for (Job job : List.of(ours, sdk)) {
                out.printf(Locale.ROOT, "%-4s wall %6.2f s (%+.1f%% vs floor) | created %,d | failed %,d %s |"
                                + " HTTP attempts %,d | calls admitted %,d | LimitExceededException %,d |"
                                + " most calls in any 1 s window %d | first request after %.2f s, first to last"
                                + " request %.2f s%n",
                        job.side(), job.wallNanos() / 1e9, (job.wallNanos() / 1e9 / floorSeconds - 1) * 100,
                        job.created(), job.failedCount(), job.failed().isEmpty() ? "" : job.failed(),
                        job.httpAttempts(), job.calls(), job.limitExceeded(), job.maxCallsInAnyWindow(),
                        job.firstRequestAfter().toMillis() / 1e3, job.requestSpan().toMillis() / 1e3);
            }
            double overFloor = ours.wallNanos() / 1e9 / floorSeconds - 1;
            out.printf(Locale.ROOT,
                    "target: ours within 3%% of the %.1f s floor: %+.1f%% %s; zero LimitExceeded: %d %s%n",
                    floorSeconds, overFloor * 100, overFloor <= 0.03 ? "(met)" : "(NOT met)", ours.limitExceeded(),
                    ours.limitExceeded() == 0 ? "(met)" : "(NOT met)");
            if (ours.created() != tables) {
                out.println("FAILED: our job did not back up every table");
                return 1;
            }
            return 0;
        }
    }

    /**
     * Runs a warm-up (its calls are not part of any job), then waits until the emulator's window has forgotten them
     * and clears its counts.
     */
    private void settle(Flux<?> warmUp, EmulatorStats stats) throws InterruptedException {
        warmUp.blockLast(jobTimeout);
        Thread.sleep(BETWEEN_JOBS.toMillis());
        stats.reset();
    }

    private Job ours(DynamoDbBackupClient client, List<String> names, EmulatorStats stats) {
        BackupPlan plan = BackupPlan.builder().concurrency(concurrency).build();
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        Map<String, Integer> failed = new TreeMap<>();
        int[] created = new int[1];
        client.backupAll(Flux.fromIterable(names), plan)
                .doOnNext(outcome -> {
                    if (outcome.status() == BackupOutcome.Status.CREATED) {
                        created[0]++;
                    } else {
                        String kind = outcome.error().map(BulkCommand::kind).orElse(outcome.status().name());
                        if (failed.merge(kind, 1, Integer::sum) == 1) {
                            out.println("first " + kind + " of ours, table " + outcome.table() + ": "
                                    + outcome.error().map(BulkCommand::trace).orElse(outcome.toString()));
                        }
                    }
                })
                .blockLast(jobTimeout);
        return job("ours", System.nanoTime() - start, created[0], failed, stats, startedAt);
    }

    private Job naiveSdk(DynamoDbAsyncClient sdk, List<String> names, EmulatorStats stats) {
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        Map<String, Integer> failed = new TreeMap<>();
        int[] created = new int[1];
        Flux.fromIterable(names)
                .flatMap(table -> Mono.fromFuture(() -> sdk.createBackup(CreateBackupRequest.builder()
                                        .tableName(table).backupName(table + "-sdk").build()))
                                .map(response -> "")
                                .onErrorResume(e -> Mono.just(kind(e))),
                        concurrency)
                .doOnNext(kind -> {
                    if (kind.isEmpty()) {
                        created[0]++;
                    } else {
                        failed.merge(kind, 1, Integer::sum);
                    }
                })
                .blockLast(jobTimeout);
        return job("sdk", System.nanoTime() - start, created[0], failed, stats, startedAt);
    }

    /** The job's counts, and when its CreateBackup requests reached the emulator (startup and pacing apart). */
    private static Job job(String side, long wallNanos, int created, Map<String, Integer> failed,
                           EmulatorStats stats, Instant startedAt) {
        List<Instant> arrivals = stats.requests(OPERATION).stream().map(ReceivedRequest::receivedAt).sorted().toList();
        Instant first = arrivals.isEmpty() ? startedAt : arrivals.get(0);
        Instant last = arrivals.isEmpty() ? startedAt : arrivals.get(arrivals.size() - 1);
        return new Job(side, wallNanos, created, failed, stats.requestCount(OPERATION), stats.callCount(OPERATION),
                stats.limitExceededCount(OPERATION), stats.maxCallsInAnyWindow(OPERATION),
                Duration.between(startedAt, first), Duration.between(first, last));
    }

    /** The failure and where it came from, for a job that should not have failed. */
    private static String trace(Throwable e) {
        StringBuilder text = new StringBuilder(e.toString());
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t != e) {
                text.append("\n  caused by ").append(t);
            }
            StackTraceElement[] stack = t.getStackTrace();
            for (int i = 0; i < Math.min(12, stack.length); i++) {
                text.append("\n    at ").append(stack[i]);
            }
        }
        return text.toString();
    }

    private static String kind(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return cause.getClass().getSimpleName();
    }
}
