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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.CreateBackupRequest;

/**
 * A bulk job against the emulator enforcing DynamoDB's documented limits (CreateBackup 50, DescribeBackup 10,
 * ListBackups 5 calls per second). Without {@code --wait}: our {@code backupAll} (its token bucket at the default
 * limits) against a naive fan-out over the AWS SDK (flatMap with the same concurrency, the SDK's default retries).
 * With {@code --wait}, backups CREATING for {@code --backup-delay}: our {@code backupAll} with the plan's wait (one
 * ListBackups watcher) against a careful SDK user's DescribeBackup loop ({@link SdkWaitingJob}). {@code --burners N}
 * runs N CPU-burning processes beside it. Exit code 1 when our job failed a table (a bug), never on timing.
 */
@Command(name = "bulk", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Bulk CreateBackup at the emulator's documented limits: our backupAll vs the SDK"
                + " (a naive fan-out; with --wait, a DescribeBackup loop).")
final class BulkCommand implements Callable<Integer> {

    private static final String OPERATION = "CreateBackup";
    private static final String WARM_UP_TABLE = "warm-up";
    /** Long enough for the emulator's 1-second window to forget the previous job's calls. */
    private static final Duration BETWEEN_JOBS = Duration.ofMillis(1500);
    /**
     * Room in the emulator's request log per table, for the first and last CreateBackup arrival of a job: a
     * CreateBackup and a DescribeBackup each, and their retries.
     */
    private static final int REQUESTS_LOGGED_PER_TABLE = 20;

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

    @Option(names = "--wait", description = "Both sides wait until every backup is AVAILABLE: ours with the plan's"
            + " wait (a ListBackups watcher), the SDK with a DescribeBackup loop.")
    boolean waitForAvailable;

    @Option(names = "--backup-delay", defaultValue = "PT2S",
            description = "How long the emulator's backups stay CREATING. Default: ${DEFAULT-VALUE}.")
    Duration backupDelay;

    @Option(names = "--sdk-poll", defaultValue = "PT1S",
            description = "With --wait: the SDK loop's pause before each DescribeBackup of a backup."
                    + " Default: ${DEFAULT-VALUE}.")
    Duration sdkPoll;

    @Option(names = "--sides", split = ",", defaultValue = "ours,sdk",
            description = "Which jobs to run, in this order. Default: ${DEFAULT-VALUE}.")
    List<String> sides;

    @Mixin
    BurnerOptions burners = new BurnerOptions();

    private final PrintStream out;

    BulkCommand(PrintStream out) {
        this.out = out;
    }

    /**
     * What one job did, as the job and as the emulator saw it.
     *
     * @param available       tables whose backup the job saw AVAILABLE (with {@code --wait}; else 0)
     * @param confirmedAfter  with {@code --wait}, ours: from the last CreateBackup answer to the last AVAILABLE seen
     * @param operations      the emulator's counts of the operations the job uses, CreateBackup first
     */
    record Job(String side, long wallNanos, int created, int available, Map<String, Integer> failed,
               Optional<Duration> confirmedAfter, List<OperationCounts> operations, Duration firstRequestAfter,
               Duration requestSpan, String loadAtStart, String loadAtEnd) {

        int failedCount() {
            return failed.values().stream().mapToInt(Integer::intValue).sum();
        }

        OperationCounts createBackup() {
            return operations.get(0);
        }

        long limitExceeded() {
            return operations.stream().mapToLong(OperationCounts::limitExceeded).sum();
        }
    }

    @Override
    public Integer call() throws Exception {
        Validate.atLeast("--tables", tables, 1);
        Validate.atLeast("--concurrency", concurrency, 1);
        Validate.atLeast("--warmup", warmup, 0);
        for (String side : sides) {
            if (!side.equals("ours") && !side.equals("sdk")) {
                throw new IllegalArgumentException("--sides: " + side + " violates one of ours, sdk");
            }
        }
        out.println(Environment.describe());
        double floorSeconds = (double) tables / EmulatorRateLimits.CREATE_BACKUP_PER_SECOND;
        out.printf(Locale.ROOT, "bulk%s: %,d tables, concurrency %d, emulator enforcing %s, backups CREATING for"
                        + " %s; floor %.1f s; each client warmed with %d calls first%n",
                waitForAvailable ? " --wait" : "", tables, concurrency, EmulatorRateLimits.DEFAULT.asMap(),
                backupDelay, floorSeconds, warmup);
        try (CpuBurners burning = burners.start(out);
             DynamoDbEmulator emulator = DynamoDbEmulator.builder()
                     .rateLimits(EmulatorRateLimits.DEFAULT)
                     .backupCreationDelay(backupDelay)
                     .requestLogCapacity(REQUESTS_LOGGED_PER_TABLE * tables + 1000)
                     .build()) {
            emulator.start();
            List<String> names = emulator.createTables("bulk-", tables);
            emulator.createTable(WARM_UP_TABLE);
            RateLimits limits = jitterMargin == null ? RateLimits.DEFAULT
                    : RateLimits.DEFAULT.withJitterMargin(jitterMargin);
            Map<String, Job> jobs = new LinkedHashMap<>();
            for (String side : sides) {
                Job job = side.equals("ours") ? ours(emulator, names, limits) : sdk(emulator, names);
                jobs.put(side, job);
                if (burning.running() != burning.count()) {
                    out.println("WARNING: only " + burning.running() + " of " + burning.count()
                            + " CPU burners were still running at the end of the job of " + side);
                }
            }
            jobs.values().forEach(job -> out.print(report(job, floorSeconds)));
            Job ours = jobs.get("ours");
            if (ours == null) {
                return 0;
            }
            out.println(targets(ours, floorSeconds));
            if (ours.created() != tables || waitForAvailable && ours.available() != tables) {
                out.println("FAILED: our job did not back up every table" + (waitForAvailable
                        ? " and see it AVAILABLE" : ""));
                return 1;
            }
            return 0;
        }
    }

    private String report(Job job, double floorSeconds) {
        double floor = floorSeconds + (waitForAvailable ? backupDelay.toMillis() / 1e3 : 0);
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-4s wall %6.2f s (%+.1f%% vs floor)"
                        + " | created %,d | failed %,d %s|",
                job.side(), job.wallNanos() / 1e9, (job.wallNanos() / 1e9 / floor - 1) * 100, job.created(),
                job.failedCount(), job.failed().isEmpty() ? "" : job.failed() + " "));
        if (waitForAvailable) {
            text.append(String.format(Locale.ROOT, " AVAILABLE %,d of %,d |", job.available(), tables));
            job.confirmedAfter().ifPresent(lag -> text.append(String.format(Locale.ROOT,
                    " last AVAILABLE seen %.2f s after the last CreateBackup answer |", lag.toMillis() / 1e3)));
        }
        OperationCounts create = job.createBackup();
        text.append(String.format(Locale.ROOT, " HTTP attempts %,d | calls admitted %,d | LimitExceededException %,d |"
                        + " most calls in any 1 s window %d | most arrivals in any 1 s window %d | first request"
                        + " after %.2f s, first to last request %.2f s%n",
                create.requests(), create.calls(), create.limitExceeded(), create.mostCallsInAnyWindow(),
                create.mostArrivalsInAnyWindow(), job.firstRequestAfter().toMillis() / 1e3,
                job.requestSpan().toMillis() / 1e3));
        text.append(String.format("%-4s load average %s at the start, %s at the end%n", job.side(), job.loadAtStart(),
                job.loadAtEnd()));
        for (OperationCounts operation : job.operations()) {
            text.append(String.format("%-4s   %s%n", job.side(), operation.describe()));
        }
        return text.toString();
    }

    /** Issue 16's goals for our job. */
    private String targets(Job ours, double floorSeconds) {
        double wall = ours.wallNanos() / 1e9;
        if (waitForAvailable) {
            double goal = floorSeconds + backupDelay.toMillis() / 1e3 + 1;
            return String.format(Locale.ROOT, "target: ours <= %.1f s (floor + backups CREATING + 1 s): %.2f s %s;"
                            + " every table AVAILABLE: %,d of %,d %s; zero LimitExceeded on any operation: %d %s",
                    goal, wall, met(wall <= goal), ours.available(), tables, met(ours.available() == tables),
                    ours.limitExceeded(), met(ours.limitExceeded() == 0));
        }
        double overFloor = wall / floorSeconds - 1;
        int arrivals = ours.createBackup().mostArrivalsInAnyWindow();
        return String.format(Locale.ROOT, "target: ours within 3%% of the %.1f s floor: %+.1f%% %s; at most %d"
                        + " CreateBackup arrivals in any 1 s window: %d %s; zero LimitExceeded: %d %s",
                floorSeconds, overFloor * 100, met(overFloor <= 0.03), EmulatorRateLimits.CREATE_BACKUP_PER_SECOND,
                arrivals, met(arrivals <= EmulatorRateLimits.CREATE_BACKUP_PER_SECOND), ours.limitExceeded(),
                met(ours.limitExceeded() == 0));
    }

    private static String met(boolean met) {
        return met ? "(met)" : "(NOT met)";
    }

    /**
     * Waits until the emulator's window has forgotten the previous job's calls (else a warm-up right after a job at
     * 50/s is refused), runs a warm-up (its calls are not part of any job), then waits until the window has forgotten
     * them too and clears the emulator's counts.
     */
    private void settle(Flux<?> warmUp, EmulatorStats stats) throws InterruptedException {
        Thread.sleep(BETWEEN_JOBS.toMillis());
        warmUp.blockLast(jobTimeout);
        Thread.sleep(BETWEEN_JOBS.toMillis());
        stats.reset();
    }

    private Job ours(DynamoDbEmulator emulator, List<String> names, RateLimits limits) throws InterruptedException {
        out.println("ours: " + limits);
        try (DynamoDbBackupClient client = OurContender.client(emulator, concurrency, limits)) {
            settle(Flux.range(0, warmup).flatMap(i -> client.createBackup(WARM_UP_TABLE, "warm-up-" + i), 4),
                    emulator.stats());
            return ours(client, names, emulator.stats());
        }
    }

    private Job sdk(DynamoDbEmulator emulator, List<String> names) throws InterruptedException {
        try (SdkContender contender = waitForAvailable
                ? SdkContender.on(emulator, concurrency, CarefulSdkRetries.strategy())
                : SdkContender.on(emulator, concurrency)) {
            settle(Flux.range(0, warmup).flatMap(i -> Mono.fromFuture(() -> contender.client().createBackup(
                    b -> b.tableName(WARM_UP_TABLE).backupName("warm-up-" + i))), 4), emulator.stats());
            return waitForAvailable ? waitingSdk(contender.client(), names, emulator.stats())
                    : naiveSdk(contender.client(), names, emulator.stats());
        }
    }

    private Job ours(DynamoDbBackupClient client, List<String> names, EmulatorStats stats) {
        BackupPlan plan = BackupPlan.builder().concurrency(concurrency).waitForAvailable(waitForAvailable).build();
        String loadAtStart = Environment.loadAverage();
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        Map<String, Integer> failed = new TreeMap<>();
        int[] counts = new int[2]; // created, of which seen AVAILABLE
        Instant[] lastCreated = {Instant.MIN};
        Instant[] lastAvailable = {Instant.MIN};
        client.backupAll(Flux.fromIterable(names), plan)
                .doOnNext(outcome -> {
                    outcome.createdAt().filter(lastCreated[0]::isBefore).ifPresent(at -> lastCreated[0] = at);
                    if (outcome.status() == BackupOutcome.Status.CREATED) {
                        counts[0]++;
                        outcome.availableAt().ifPresent(at -> {
                            counts[1]++;
                            lastAvailable[0] = at.isAfter(lastAvailable[0]) ? at : lastAvailable[0];
                        });
                    } else {
                        String kind = outcome.error().map(BulkCommand::kind).orElse(outcome.status().name());
                        if (failed.merge(kind, 1, Integer::sum) == 1) {
                            out.println("first " + kind + " of ours, table " + outcome.table() + ": "
                                    + outcome.error().map(BulkCommand::trace).orElse(outcome.toString()));
                        }
                    }
                })
                .blockLast(jobTimeout);
        long wall = System.nanoTime() - start;
        Optional<Duration> confirmedAfter = waitForAvailable && counts[1] > 0
                ? Optional.of(Duration.between(lastCreated[0], lastAvailable[0])) : Optional.empty();
        return job("ours", wall, counts[0], counts[1], failed, confirmedAfter, stats, startedAt, loadAtStart);
    }

    private Job naiveSdk(DynamoDbAsyncClient sdk, List<String> names, EmulatorStats stats) {
        String loadAtStart = Environment.loadAverage();
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
        return job("sdk", System.nanoTime() - start, created[0], 0, failed, Optional.empty(), stats, startedAt,
                loadAtStart);
    }

    private Job waitingSdk(DynamoDbAsyncClient sdk, List<String> names, EmulatorStats stats) {
        out.println("sdk: adaptive retry strategy, LimitExceededException retried as throttling, "
                + CarefulSdkRetries.MAX_ATTEMPTS + " attempts; " + SdkWaitingJob.WAITERS
                + " DescribeBackup waiters, each pausing " + sdkPoll + " before each look");
        String loadAtStart = Environment.loadAverage();
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        SdkWaitingJob.Result result = new SdkWaitingJob(sdk, concurrency, sdkPoll, jobTimeout).run(names, jobTimeout);
        long wall = System.nanoTime() - start;
        out.printf(Locale.ROOT, "sdk: the loop sent %,d CreateBackup and %,d DescribeBackup calls (before the SDK's"
                + " retries)%n", result.createsSent(), result.describesSent());
        int created = result.tables() - (int) result.failed().entrySet().stream()
                .filter(e -> e.getKey().startsWith("CreateBackup")).mapToInt(Map.Entry::getValue).sum();
        return job("sdk", wall, created, result.available(), result.failed(), Optional.empty(), stats, startedAt,
                loadAtStart);
    }

    /** The job's counts, and when its CreateBackup requests reached the emulator (startup and pacing apart). */
    private Job job(String side, long wallNanos, int created, int available, Map<String, Integer> failed,
                    Optional<Duration> confirmedAfter, EmulatorStats stats, Instant startedAt, String loadAtStart) {
        List<Instant> arrivals = stats.requests(OPERATION).stream().map(ReceivedRequest::receivedAt).sorted().toList();
        Instant first = arrivals.isEmpty() ? startedAt : arrivals.get(0);
        Instant last = arrivals.isEmpty() ? startedAt : arrivals.get(arrivals.size() - 1);
        List<OperationCounts> operations = (waitForAvailable ? List.of(OPERATION, "DescribeBackup", "ListBackups")
                : List.of(OPERATION)).stream().map(operation -> OperationCounts.of(stats, operation)).toList();
        return new Job(side, wallNanos, created, available, failed, confirmedAfter, operations,
                Duration.between(startedAt, first), Duration.between(first, last), loadAtStart,
                Environment.loadAverage());
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
