package io.github.ddbbackup.benchmarks;

import io.github.ddbbackup.emulator.DynamoDbEmulator;
import io.github.ddbbackup.emulator.EmulatorRateLimits;
import io.github.ddbbackup.emulator.EmulatorStats;
import io.github.ddbbackup.emulator.ReceivedRequest;
import io.github.ddbbackup.examples.DdbBackup;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Issue 22's multi-process measurement: N {@code ddb-backup backup --redis URL} processes started at once, each on its
 * share of the tables of one emulator enforcing DynamoDB's 50 CreateBackup calls per second, all drawing on one
 * budget in one real redis-server, at the default rate. Reports what the emulator saw: the most CreateBackup requests
 * that arrived in any 1-second window, LimitExceeded answers, every table backed up once, and the time against the
 * floor of one budget (tables / 50 s). The processes run the job's main class from this jar, or {@code --jar}; the
 * redis-server is an installed one or the one shipped in embedded-redis ({@link RedisProcess}).
 * Exit code 1 when a process failed or a table was not backed up exactly once, never on timing.
 */
@Command(name = SharedBudgetCommand.NAME, mixinStandardHelpOptions = true, sortOptions = false,
        description = "N ddb-backup processes sharing one Redis budget against one emulator at 50 CreateBackup/s.")
final class SharedBudgetCommand implements Callable<Integer> {

    static final String NAME = "shared-budget";
    /** As SharedBudgetJarIT starts its jobs: several JVMs must start and run beside each other on few cores. */
    static final String DEFAULT_JAVA_OPTIONS = "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";
    private static final String OPERATION = "CreateBackup";

    @Option(names = "--processes", defaultValue = "3", description = "ddb-backup processes. Default: ${DEFAULT-VALUE}.")
    int processes;

    @Option(names = "--tables", defaultValue = "600",
            description = "Tables, split evenly over the processes. Default: ${DEFAULT-VALUE}.")
    int tables;

    @Option(names = "--jar", description = "Run this ddb-backup jar (java -jar), e.g. examples/target/ddb-backup.jar."
            + " Default: the job's main class from this jar's classpath.")
    Path jar;

    @Option(names = "--java-options", defaultValue = DEFAULT_JAVA_OPTIONS,
            description = "JVM options of each process. Default: ${DEFAULT-VALUE}.")
    String javaOptions;

    @Mixin
    BurnerOptions burners = new BurnerOptions();

    @Option(names = "--timeout", defaultValue = "PT3M",
            description = "Limit on each process. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    private final PrintStream out;

    SharedBudgetCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        Validate.atLeast("--processes", processes, 1);
        Validate.atLeast("--tables", tables, processes);
        if (jar != null && !Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("--jar: " + jar + " violates an existing file (build it with"
                    + " ./mvnw -q -pl examples -am package -DskipTests)");
        }
        out.println(Environment.describe());
        double floorSeconds = (double) tables / EmulatorRateLimits.CREATE_BACKUP_PER_SECOND;
        List<String> launcher = launcher();
        out.printf(Locale.ROOT, "%s: %d processes (%s ... backup --redis URL, default rate), %,d tables split evenly,"
                        + " one emulator enforcing %d CreateBackup/s, one redis-server; floor %.1f s%n", NAME,
                processes, String.join(" ", launcher), tables, EmulatorRateLimits.CREATE_BACKUP_PER_SECOND,
                floorSeconds);
        Path dir = Files.createTempDirectory("ddb-backup-shared-budget-");
        try (CpuBurners burning = burners.start(out);
             DynamoDbEmulator emulator = DynamoDbEmulator.builder()
                     .rateLimits(EmulatorRateLimits.DEFAULT)
                     .requestLogCapacity(20 * tables + 1000)
                     .build();
             RedisProcess redis = RedisProcess.start()) {
            emulator.start();
            out.println("redis: " + redis.executable() + " at " + redis.uri());
            List<String> names = emulator.createTables("t-", tables);
            String loadAtStart = Environment.loadAverage();
            List<Process> jobs = new ArrayList<>();
            long[] exitedAt = new long[processes];
            long launch = System.nanoTime();
            try {
                for (int i = 0; i < processes; i++) {
                    Path tablesFile = Files.write(dir.resolve("tables-" + i + ".txt"),
                            names.subList(i * tables / processes, (i + 1) * tables / processes));
                    List<String> command = new ArrayList<>(launcher);
                    command.addAll(List.of("backup", "--endpoint", emulator.endpoint().toString(),
                            "--region", emulator.region(), "--tables-file", tablesFile.toString(),
                            "--redis", redis.uri()));
                    Process job = start(command, emulator, dir.resolve("output-" + i + ".txt"));
                    int index = i;
                    job.onExit().thenRun(() -> exitedAt[index] = System.nanoTime());
                    jobs.add(job);
                }
                for (Process job : jobs) {
                    if (!job.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                        out.println("FAILED: a process did not finish within " + timeout);
                        return 1;
                    }
                }
            } finally {
                jobs.forEach(Process::destroyForcibly);
            }
            for (Process job : jobs) {
                job.onExit().join();
            }
            long lastExit = Arrays.stream(exitedAt).max().orElse(launch);
            if (burning.running() != burning.count()) {
                out.println("WARNING: only " + burning.running() + " of " + burning.count()
                        + " CPU burners were still running at the end");
            }
            String loadAtEnd = Environment.loadAverage();
            boolean allOk = true;
            for (int i = 0; i < processes; i++) {
                String output = Files.readString(dir.resolve("output-" + i + ".txt"));
                int exit = jobs.get(i).exitValue();
                allOk &= exit == DdbBackup.EXIT_OK;
                out.printf(Locale.ROOT, "process %d: exit %d after %.2f s; %s%n", i + 1, exit,
                        (exitedAt[i] - launch) / 1e9, exit == DdbBackup.EXIT_OK ? summaryLine(output)
                                : "its output:\n" + output);
            }
            EmulatorStats stats = emulator.stats();
            OperationCounts create = OperationCounts.of(stats, OPERATION);
            Map<String, ?> backups = stats.backupsByTable();
            long once = stats.backupsByTable().values().stream().filter(list -> list.size() == 1).count();
            List<Instant> arrivals = stats.requests(OPERATION).stream().map(ReceivedRequest::receivedAt).sorted()
                    .toList();
            double span = arrivals.isEmpty() ? 0
                    : Duration.between(arrivals.get(0), arrivals.get(arrivals.size() - 1)).toMillis() / 1e3;
            int buckets = redis.keyCount("ddb-backup:rate-limit:*:CreateBackup");
            out.printf(Locale.ROOT, "%d processes | tables backed up %,d of %,d (exactly once: %,d) | %s |"
                            + " CreateBackup buckets in Redis %d | first to last CreateBackup %.2f s (%+.1f%% vs the"
                            + " %.1f s floor) | launch to last exit %.2f s | load average %s at the start, %s at the"
                            + " end%n",
                    processes, backups.size(), tables, once, create.describe(), buckets, span,
                    (span / floorSeconds - 1) * 100, floorSeconds, (lastExit - launch) / 1e9, loadAtStart, loadAtEnd);
            out.printf(Locale.ROOT, "target: at most %d CreateBackup arrivals in any 1 s window: %d %s; zero"
                            + " LimitExceeded: %d %s%n", EmulatorRateLimits.CREATE_BACKUP_PER_SECOND,
                    create.mostArrivalsInAnyWindow(),
                    met(create.mostArrivalsInAnyWindow() <= EmulatorRateLimits.CREATE_BACKUP_PER_SECOND),
                    create.limitExceeded(), met(create.limitExceeded() == 0));
            if (!allOk || once != tables || backups.size() != tables) {
                out.println("FAILED: a process failed, or a table was not backed up exactly once; outputs in " + dir);
                return 1;
            }
            deleteTree(dir);
            return 0;
        }
    }

    /** The command line up to the job's arguments. */
    private List<String> launcher() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Arrays.stream(javaOptions.trim().split("\\s+")).filter(option -> !option.isEmpty()).forEach(command::add);
        if (jar != null) {
            command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        } else {
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), DdbBackup.class.getName()));
        }
        return command;
    }

    /** A process signing with the emulator's credentials (and no other AWS settings), output to {@code output}. */
    private static Process start(List<String> command, DynamoDbEmulator emulator, Path output) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("AWS_"));
        environment.put("AWS_ACCESS_KEY_ID", emulator.accessKeyId());
        environment.put("AWS_SECRET_ACCESS_KEY", emulator.secretAccessKey());
        return builder.start();
    }

    /** The job's summary line ({@code backup: 200 created, ...}), else its last line. */
    private static String summaryLine(String output) {
        List<String> lines = output.strip().lines().toList();
        return lines.stream().filter(line -> line.startsWith("backup: ")).reduce((a, b) -> b)
                .orElse(lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1));
    }

    private static String met(boolean met) {
        return met ? "(met)" : "(NOT met)";
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
