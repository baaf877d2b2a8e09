package io.github.ddbbackup.ratelimit.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.ddbbackup.emulator.DynamoDbEmulator;
import io.github.ddbbackup.emulator.DynamoDbEmulatorExtension;
import io.github.ddbbackup.reactor.BackupOutcome;
import io.github.ddbbackup.reactor.BackupPlan;
import io.github.ddbbackup.reactor.DynamoDbBackupClient;
import io.github.ddbbackup.ratelimit.RateLimitKey;
import io.github.ddbbackup.ratelimit.RateLimiter;
import io.github.ddbbackup.ratelimit.SendPermit;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Three client instances, each with its own {@link RedisRateLimiter} and Redis connection, back up tables against one
 * emulator enforcing DynamoDB's 50 CreateBackup calls per second, at DynamoDB's default limits: the limiters together
 * grant at most 50 permits in any second because the budget is shared, and when Redis dies mid-run the configured
 * policy takes over without hanging anything. Asserted about rate is what the emulator saw arrive: at most 50 in any
 * second and no LimitExceededException. The instances count each request in the budget's wire log in Redis until a
 * second after the emulator answered it, so no lag, on the client or at the server, can bunch more than 50 into a
 * second. (The instants the permits were granted are recorded ({@link DueTimeScheduler}) for the fairness check.)
 */
class SharedBudgetEmulatorTest {

    private static final int INSTANCES = 3;
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);
    private static final int WARM_CONNECTIONS = 8;
    private static final String UNKNOWN_BACKUP =
            "arn:aws:dynamodb:us-east-1:123456789012:table/warm-up/backup/01700000000000-00000000";

    private final String prefix = "test-" + UUID.randomUUID() + ":";
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final DueTimeScheduler timers = new DueTimeScheduler(Schedulers.parallel());
    @RegisterExtension
    final DynamoDbEmulatorExtension dynamoDb = new DynamoDbEmulatorExtension();
    private DynamoDbEmulator emulator;
    private RedisServer redis;

    @BeforeEach
    void start() {
        emulator = dynamoDb.emulator();
        redis = RedisServer.start();
    }

    /** Null-safe: start() may have failed half-way (no Redis could be started, say), and that error is the one to see. */
    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void threeClientsSharingOneRedisBudgetAt50PerSecondSendAtMost50RequestsInAnySecondAndNoneIsRefused()
            throws Exception {
        List<String> tables = emulator.createTables("t-", 600);
        List<RedisRateLimiter> limiters = limiters(builder -> builder);
        List<List<Long>> permits = IntStream.range(0, INSTANCES)
                .mapToObj(i -> (List<Long>) new CopyOnWriteArrayList<Long>()).toList();
        List<RateLimiter> recording = IntStream.range(0, INSTANCES)
                .mapToObj(i -> (RateLimiter) new RateLimiter() {
                    @Override
                    public Mono<Void> acquire(RateLimitKey key) {
                        return limiters.get(i).acquire(key);
                    }

                    @Override
                    public Mono<SendPermit> permit(RateLimitKey key) {
                        return limiters.get(i).permit(key).doOnSuccess(granted -> {
                            if (key.operation().equals("CreateBackup")) {
                                permits.get(i).add(DueTimeScheduler.dueNanos().orElseThrow(() -> new AssertionError(
                                        "a CreateBackup permit delivered outside the limiter's scheduler")));
                            }
                        });
                    }
                })
                .toList();

        List<BackupOutcome> outcomes = run(recording, tables).get(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        assertEquals(600, outcomes.size());
        assertAllCreated(outcomes, emulator);
        SharedBudgetAssertions.assertEveryTableBackedUpOnceAndEveryLimitExceededRetried(emulator, 600);
        System.out.println("shared budget, three clients in one JVM: " + SharedBudgetAssertions.arrivals(emulator));
        SharedBudgetAssertions.assertAtMostFiftyArrivalsInAnySecondAndNoLimitExceeded(emulator);
        List<Long> all = permits.stream().flatMap(List::stream).sorted().toList();
        long requests = emulator.stats().requestCount("CreateBackup");
        assertEquals(requests, all.size(), "one permit per CreateBackup request, retries included");
        assertEquals(requests + INSTANCES, limiters.stream().mapToLong(l -> l.metrics().redisGrants()).sum(),
                "every permit from Redis: each CreateBackup request's, one DescribeBackup per instance's warm-up");
        assertEquals(0, limiters.stream().mapToLong(l -> l.metrics().fallbackGrants()).sum());
        long half = all.get(299);
        List<Long> firstHalf = permits.stream().map(own -> own.stream().filter(t -> t <= half).count()).toList();
        firstHalf.forEach(share -> assertTrue(share >= 50,
                "each instance took a fair part of the first 300 permits: " + firstHalf));
    }

    @Test
    void redisKilledMidRunFallsBackToALocalShareAndEveryTableStillGetsItsBackup() throws Exception {
        List<String> tables = emulator.createTables("t-", 150);
        List<RedisRateLimiter> limiters = limiters(builder -> builder
                .onRedisFailure(RedisFailurePolicy.fallbackToLocal(INSTANCES)));

        CompletableFuture<List<BackupOutcome>> job = run(new ArrayList<>(limiters), tables);
        awaitCalls(40);
        redis.stop();
        List<BackupOutcome> outcomes = job.get(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        assertEquals(150, outcomes.size());
        assertAllCreated(outcomes, emulator);
        assertTrue(emulator.stats().backupsByTable().values().stream().allMatch(backups -> backups.size() == 1),
                "none doubled");
        assertEquals(150, emulator.stats().backupsByTable().size());
        long fromRedis = limiters.stream().mapToLong(l -> l.metrics().redisGrants()).sum();
        assertTrue(fromRedis >= 40 && fromRedis < 150, "permits from Redis before it died: " + fromRedis);
        for (RedisRateLimiter limiter : limiters) {
            RedisRateLimiterMetrics metrics = limiter.metrics();
            assertTrue(metrics.redisFailures() >= 1 && metrics.fallbackGrants() >= 1, metrics.toString());
        }
    }

    @Test
    void redisKilledMidRunFailsClosedTablesFailWithTheRedisErrorAndNothingHangs() throws Exception {
        List<String> tables = emulator.createTables("t-", 90);
        List<RedisRateLimiter> limiters = limiters(builder -> builder);

        CompletableFuture<List<BackupOutcome>> job = run(new ArrayList<>(limiters), tables);
        awaitCalls(20);
        redis.stop();
        List<BackupOutcome> outcomes = job.get(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        assertEquals(90, outcomes.size(), "every table has an outcome");
        List<BackupOutcome> failed = outcomes.stream().filter(o -> o.status() == BackupOutcome.Status.FAILED).toList();
        long created = outcomes.stream().filter(o -> o.status() == BackupOutcome.Status.CREATED).count();
        assertEquals(90, created + failed.size(), outcomes::toString);
        assertTrue(created >= 20 && !failed.isEmpty(), "created " + created + ", failed " + failed.size());
        failed.forEach(o -> {
            RedisUnavailableException error = assertInstanceOf(RedisUnavailableException.class, o.error().orElseThrow());
            assertTrue(error.getMessage().contains("CreateBackup") && error.getMessage().contains(redis.uri()),
                    error.getMessage());
            assertEquals(0, emulator.stats().backupCount(o.table()), "no call was made for " + o.table());
        });
        assertEquals(created, emulator.stats().callCount("CreateBackup"), "exactly the created ones were called");
    }

    private static void assertAllCreated(List<BackupOutcome> outcomes, DynamoDbEmulator emulator) {
        List<BackupOutcome> notCreated = outcomes.stream()
                .filter(o -> o.status() != BackupOutcome.Status.CREATED).toList();
        if (!notCreated.isEmpty()) {
            StringWriter trace = new StringWriter();
            notCreated.get(0).error().ifPresent(e -> e.printStackTrace(new PrintWriter(trace)));
            fail(notCreated.size() + " tables not CREATED, the first: " + notCreated.get(0) + "\nerror answers: "
                    + emulator.stats().requests().stream().filter(r -> r.errorCode().isPresent())
                    .map(r -> r.operation() + " " + r.errorCode().get() + " at " + r.receivedAt()).toList()
                    + "\n" + trace);
        }
    }

    /** One limiter per instance, each with its own Lettuce client, all on the same Redis and prefix. */
    private List<RedisRateLimiter> limiters(Function<RedisRateLimiterBuilder, RedisRateLimiterBuilder> options) {
        List<RedisRateLimiter> limiters = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            RedisRateLimiter limiter = options.apply(RedisRateLimiter.builder()
                    .redisUri(redis.uri())
                    .keyPrefix(prefix)
                    .rateLimits(SharedBudgetAssertions.LIMITS)
                    .scheduler(timers)
                    .clock(timers.clock())
                    .connectTimeout(SharedBudgetAssertions.CONNECT_TIMEOUT)
                    .redisTimeout(SharedBudgetAssertions.REDIS_TIMEOUT))
                    .build();
            resources.add(limiter);
            limiters.add(limiter);
        }
        return limiters;
    }

    /** Each instance backs up its own third of {@code tables}, all at once. */
    private CompletableFuture<List<BackupOutcome>> run(List<RateLimiter> limiters, List<String> tables) {
        int share = tables.size() / INSTANCES;
        List<Flux<BackupOutcome>> jobs = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            DynamoDbBackupClient client = client(limiters.get(i));
            resources.add(0, client);
            warmUp(client);
            jobs.add(client.backupAll(Flux.fromIterable(tables.subList(i * share, (i + 1) * share)),
                    BackupPlan.DEFAULT));
        }
        emulator.stats().reset();
        return Flux.merge(jobs).collectList().toFuture();
    }

    /** A client of the emulator, with its default credentials, paced by {@code limiter}. */
    private DynamoDbBackupClient client(RateLimiter limiter) {
        return DynamoDbBackupClient.builder()
                .region(DynamoDbEmulator.DEFAULT_REGION)
                .endpointOverride(emulator.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        DynamoDbEmulator.DEFAULT_ACCESS_KEY_ID, DynamoDbEmulator.DEFAULT_SECRET_ACCESS_KEY)))
                .rateLimiter(limiter)
                .build();
    }

    /**
     * Eight concurrent ListTables and one DescribeBackup of a backup that does not exist, before the job: what the CLI
     * does before its first CreateBackup (BackupJob.warmUp in examples), for the same reason. The client takes a
     * permit before it opens a connection; a client's first calls load and compile those code paths (HTTP, error
     * mapping) and open connections to DynamoDB and Redis, which can hold a CreateBackup back by a few hundred
     * milliseconds after its permit, so that it arrives bunched with the next ones. A real job pays this once.
     */
    private static void warmUp(DynamoDbBackupClient client) {
        Flux.range(0, WARM_CONNECTIONS).flatMap(i -> client.listTables().next().then(), WARM_CONNECTIONS)
                .then(client.describeBackup(UNKNOWN_BACKUP).then().onErrorComplete())
                .block(RUN_TIMEOUT);
    }

    private void awaitCalls(int calls) throws InterruptedException {
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        while (emulator.stats().callCount("CreateBackup") < calls) {
            if (System.nanoTime() > deadline) {
                fail("fewer than " + calls + " CreateBackup calls within " + RUN_TIMEOUT);
            }
            Thread.sleep(5);
        }
    }
}
