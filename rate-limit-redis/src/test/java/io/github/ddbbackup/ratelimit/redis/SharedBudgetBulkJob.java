package io.github.ddbbackup.ratelimit.redis;

import io.github.ddbbackup.emulator.DynamoDbEmulator;
import io.github.ddbbackup.reactor.BackupOutcome;
import io.github.ddbbackup.reactor.BackupPlan;
import io.github.ddbbackup.reactor.DynamoDbBackupClient;
import io.github.ddbbackup.reactor.RateLimiter;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import reactor.core.publisher.Flux;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * One process of a bulk backup job sharing its CreateBackup budget through Redis: what {@code ddb-backup backup
 * --redis URL} does, until the CLI has that option (test scope; the multi-process test runs it in separate JVMs).
 *
 * <pre>
 * SharedBudgetBulkJob ENDPOINT REDIS_URI KEY_PREFIX TABLES_FILE
 * </pre>
 * backs up the tables named in {@code TABLES_FILE} (one per line, as the CLI's {@code --tables-file}) against the
 * emulator at {@code ENDPOINT} with its default credentials, prints {@code outcomes created=N failed=N skipped=N} and
 * the limiter's counters, and exits 0 when every table was CREATED, 1 otherwise, 2 on bad arguments.
 */
final class SharedBudgetBulkJob {

    static final Duration JOB_TIMEOUT = Duration.ofSeconds(90);

    private static final int WARM_CONNECTIONS = 8;
    private static final String UNKNOWN_BACKUP =
            "arn:aws:dynamodb:us-east-1:123456789012:table/warm-up/backup/01700000000000-00000000";

    private SharedBudgetBulkJob() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: SharedBudgetBulkJob ENDPOINT REDIS_URI KEY_PREFIX TABLES_FILE");
            System.exit(2);
        }
        List<String> tables = Files.readAllLines(Path.of(args[3])).stream().filter(line -> !line.isBlank()).toList();
        try (RedisRateLimiter limiter = RedisRateLimiter.builder().redisUri(args[1]).keyPrefix(args[2])
                .rateLimits(SharedBudgetAssertions.LIMITS).connectTimeout(SharedBudgetAssertions.CONNECT_TIMEOUT)
                .redisTimeout(SharedBudgetAssertions.REDIS_TIMEOUT).build();
             DynamoDbBackupClient client = client(URI.create(args[0]), limiter)) {
            warmUp(client);
            List<BackupOutcome> outcomes = backUp(client, tables);
            outcomes.stream().filter(o -> o.status() != BackupOutcome.Status.CREATED).limit(3)
                    .forEach(o -> System.out.println("not created: " + o.table() + " " + o.status() + " "
                            + o.error().map(Throwable::toString).or(o::skipReason).orElse("")));
            Map<BackupOutcome.Status, Long> counts = count(outcomes);
            System.out.println("outcomes created=" + counts.get(BackupOutcome.Status.CREATED) + " failed="
                    + counts.get(BackupOutcome.Status.FAILED) + " skipped=" + counts.get(BackupOutcome.Status.SKIPPED));
            System.out.println("limiter " + limiter.metrics());
            System.exit(counts.get(BackupOutcome.Status.CREATED) == tables.size() ? 0 : 1);
        }
    }

    /** A client of the emulator at {@code endpoint}, with its default credentials, paced by {@code limiter}. */
    static DynamoDbBackupClient client(URI endpoint, RateLimiter limiter) {
        return DynamoDbBackupClient.builder()
                .region(DynamoDbEmulator.DEFAULT_REGION)
                .endpointOverride(endpoint)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        DynamoDbEmulator.DEFAULT_ACCESS_KEY_ID, DynamoDbEmulator.DEFAULT_SECRET_ACCESS_KEY)))
                .rateLimiter(limiter)
                .build();
    }

    /**
     * Eight concurrent ListTables and one DescribeBackup of a backup that does not exist, before the job. The client
     * takes a permit before it signs the request and acquires a connection; the first calls of a JVM load and compile
     * those code paths (signing, HTTP, error mapping) and open connections to DynamoDB and Redis, which can hold a
     * CreateBackup back by a few hundred milliseconds after its permit, so that it arrives bunched with the next ones.
     * A real job pays that once too; the tests measure the steady state.
     */
    static void warmUp(DynamoDbBackupClient client) {
        Flux.range(0, WARM_CONNECTIONS).flatMap(i -> client.listTables().then(), WARM_CONNECTIONS)
                .then(client.describeBackup(UNKNOWN_BACKUP).then().onErrorComplete())
                .block(JOB_TIMEOUT);
    }

    /** Backs up {@code tables} with the default plan, waiting (bounded) for every outcome. */
    static List<BackupOutcome> backUp(DynamoDbBackupClient client, List<String> tables) {
        return client.backupAll(Flux.fromIterable(tables), BackupPlan.defaults()).collectList().block(JOB_TIMEOUT);
    }

    static Map<BackupOutcome.Status, Long> count(List<BackupOutcome> outcomes) {
        Map<BackupOutcome.Status, Long> counts = outcomes.stream()
                .collect(Collectors.groupingBy(BackupOutcome::status, Collectors.counting()));
        return java.util.Arrays.stream(BackupOutcome.Status.values())
                .collect(Collectors.toMap(Function.identity(), s -> counts.getOrDefault(s, 0L)));
    }
}
