package io.github.ddbbackup.emulator;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Runs the emulator from the command line until Ctrl-C:
 * {@code java -jar emulator/target/ddb-backup-emulator.jar --port 8000 --tables 10}. Prints the endpoint and the
 * credentials and region to use.
 */
@Command(name = "ddb-backup-emulator", mixinStandardHelpOptions = true, version = "ddb-backup-emulator",
        sortOptions = false,
        description = "An in-process DynamoDB endpoint for the on-demand backup API (CreateBackup, DescribeBackup,"
                + " ListBackups, DeleteBackup, ListTables, and CreateTable/DeleteTable/DescribeTable), on 127.0.0.1.")
public final class EmulatorMain implements Callable<Integer> {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m)");

    @Spec
    private CommandSpec spec;

    @Option(names = "--port", defaultValue = "8000",
            description = "Port on 127.0.0.1; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    private int port;

    @Option(names = "--tables", defaultValue = "0",
            description = "How many empty, ACTIVE tables to create. Default: ${DEFAULT-VALUE}.")
    private int tables;

    @Option(names = "--table-prefix", defaultValue = "table-",
            description = "Name prefix of those tables, followed by a zero-padded index. Default: ${DEFAULT-VALUE}.")
    private String tablePrefix;

    @Option(names = "--region", defaultValue = DynamoDbEmulator.DEFAULT_REGION,
            description = "Region requests must be signed for. Default: ${DEFAULT-VALUE}.")
    private String region;

    @Option(names = "--account-id", defaultValue = DynamoDbEmulator.DEFAULT_ACCOUNT_ID,
            description = "Account id in ARNs. Default: ${DEFAULT-VALUE}.")
    private String accountId;

    @Option(names = "--access-key-id", defaultValue = DynamoDbEmulator.DEFAULT_ACCESS_KEY_ID,
            description = "The access key id requests must be signed with. Default: ${DEFAULT-VALUE}.")
    private String accessKeyId;

    @Option(names = "--secret-access-key", defaultValue = DynamoDbEmulator.DEFAULT_SECRET_ACCESS_KEY,
            description = "Its secret. Default: AWS's documented example secret.")
    private String secretAccessKey;

    @Option(names = "--backup-creation-delay", defaultValue = "0s", converter = DurationConverter.class,
            description = "How long backups stay CREATING: 500ms, 5s, 2m or ISO-8601 (PT5S)."
                    + " Default: ${DEFAULT-VALUE}.")
    private Duration backupCreationDelay;

    @Option(names = "--no-rate-limits",
            description = "Turn off DynamoDB's documented call-rate limits (CreateBackup 50/s, ...).")
    private boolean noRateLimits;

    @Option(names = "--reject-concurrent-backups",
            description = "Answer BackupInUseException to CreateBackup while another backup of the table is CREATING.")
    private boolean rejectConcurrentBackups;

    /**
     * Parses the options, starts the emulator and serves until the JVM is stopped; exits with picocli's code (2 for a
     * usage error).
     *
     * @param args the command line; {@code --help} lists the options
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new EmulatorMain()).execute(args));
    }

    /** Starts the emulator, prints how to use it, and serves until the JVM is asked to stop. */
    @Override
    public Integer call() throws InterruptedException {
        DynamoDbEmulator emulator = start(spec.commandLine().getOut());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "ddb-emulator-shutdown"));
        stopped.await();
        return 0;
    }

    /** Builds and starts the emulator as the options say, creates the tables, and prints the endpoint. */
    DynamoDbEmulator start(PrintWriter out) {
        if (tables < 0) {
            throw new ParameterException(spec.commandLine(), "--tables: " + tables + " violates at least 0");
        }
        DynamoDbEmulator emulator;
        try {
            emulator = DynamoDbEmulator.builder()
                    .port(port)
                    .region(region)
                    .accountId(accountId)
                    .credentials(accessKeyId, secretAccessKey)
                    .backupCreationDelay(backupCreationDelay)
                    .rateLimits(noRateLimits ? EmulatorRateLimits.NONE : EmulatorRateLimits.DEFAULT)
                    .rejectConcurrentBackups(rejectConcurrentBackups)
                    .requestLogCapacity(0)
                    .build();
        } catch (IllegalArgumentException invalid) {
            throw new ParameterException(spec.commandLine(), invalid.getMessage(), invalid);
        }
        String endpoint = emulator.start().toString();
        List<String> names = emulator.createTables(tablePrefix, tables);
        out.println("DynamoDB backup emulator listening on " + endpoint);
        out.println("  region " + region + ", account " + accountId + ", rate limits "
                + (noRateLimits ? "off" : "on (CreateBackup 50/s)"));
        out.println("  tables: " + (names.isEmpty() ? "none"
                : names.size() + " (" + names.get(0) + " .. " + names.get(names.size() - 1) + ")"));
        out.println("Point a client at it with:");
        out.println("  export AWS_ENDPOINT_URL_DYNAMODB=" + endpoint + " AWS_REGION=" + region);
        out.println("  export AWS_ACCESS_KEY_ID=" + accessKeyId + " AWS_SECRET_ACCESS_KEY=" + secretAccessKey);
        out.println("Ctrl-C stops it.");
        out.flush();
        return emulator;
    }

    /** A duration as {@code 500ms}, {@code 5s}, {@code 2m}, or ISO-8601 ({@code PT5S}). */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Matcher shortForm = SHORT_DURATION.matcher(value);
            if (shortForm.matches()) {
                long amount = Long.parseLong(shortForm.group(1));
                return switch (shortForm.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    default -> Duration.ofMinutes(amount);
                };
            }
            return Duration.parse(value);
        }
    }
}
