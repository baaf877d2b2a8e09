package io.github.ddbbackup.emulator;

import static io.github.ddbbackup.emulator.SdkClients.await;
import static io.github.ddbbackup.emulator.SdkClients.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.ddbbackup.core.BackupType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.BackupSummary;
import software.amazon.awssdk.services.dynamodb.model.BackupTypeFilter;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ListBackupsRequest;
import software.amazon.awssdk.services.dynamodb.model.ListBackupsResponse;
import software.amazon.awssdk.services.dynamodb.model.ListTablesResponse;

/** ListBackups with every filter and paging member, and ListTables paging, through the AWS SDK. */
class PagingTest extends WithSdkHttpClient {


    private final MutableClock clock = new MutableClock();
    private final Map<String, String> arns = new LinkedHashMap<>();
    private final Map<String, Instant> times = new LinkedHashMap<>();
    @RegisterExtension
    final DynamoDbEmulatorExtension dynamoDb = new DynamoDbEmulatorExtension(
            settings -> settings.clock(clock).rateLimits(EmulatorRateLimits.NONE));
    private DynamoDbEmulator emulator;
    private DynamoDbAsyncClient client;

    /**
     * One backup a second: a-0 u-0 a-1 s-0 (SYSTEM) w-0 (AWS_BACKUP) a-2 u-1 a-3, then a-4 and a-5 in the same
     * millisecond (a-* of table orders, u-* of users).
     */
    @BeforeEach
    void start() {
        emulator = dynamoDb.emulator();
        client = SdkClients.client(emulator, http);
        emulator.createTable("orders");
        emulator.createTable("users");
        backup("a-0", "orders");
        backup("u-0", "users");
        backup("a-1", "orders");
        put("s-0", "orders", BackupType.SYSTEM);
        put("w-0", "orders", BackupType.AWS_BACKUP);
        backup("a-2", "orders");
        backup("u-1", "users");
        backup("a-3", "orders");
        backup("a-4", "orders");
        clock.advance(Duration.ofSeconds(-1));
        backup("a-5", "orders");
    }

    private void backup(String name, String table) {
        arns.put(name, await(client.createBackup(b -> b.tableName(table).backupName(name))).backupDetails()
                .backupArn());
        times.put(name, clock.instant());
        clock.advance(Duration.ofSeconds(1));
    }

    private void put(String name, String table, BackupType type) {
        arns.put(name, emulator.putBackup(table, name, type).backupArn());
        times.put(name, clock.instant());
        clock.advance(Duration.ofSeconds(1));
    }

    @AfterEach
    void stop() {
        client.close();
    }

    private List<String> names(Consumer<ListBackupsRequest.Builder> request) {
        ListBackupsResponse page = await(client.listBackups(request));
        return page.backupSummaries().stream().map(BackupSummary::backupName).toList();
    }

    /** Every page of a listing, as lists of backup names; the last page has no LastEvaluatedBackupArn. */
    private List<List<String>> pages(ListBackupsRequest first) {
        List<List<String>> pages = new ArrayList<>();
        ListBackupsRequest request = first;
        for (int guard = 0; guard < 20; guard++) {
            ListBackupsResponse page = await(client.listBackups(request));
            pages.add(page.backupSummaries().stream().map(BackupSummary::backupName).toList());
            if (page.lastEvaluatedBackupArn() == null) {
                return pages;
            }
            assertEquals(page.backupSummaries().get(page.backupSummaries().size() - 1).backupArn(),
                    page.lastEvaluatedBackupArn());
            request = request.toBuilder().exclusiveStartBackupArn(page.lastEvaluatedBackupArn()).build();
        }
        throw new AssertionError("more than 20 pages");
    }

    @Test
    void theDefaultTypeIsUserAndBackupsComeInCreationOrder() {
        assertEquals(List.of("a-0", "u-0", "a-1", "a-2", "u-1", "a-3", "a-4", "a-5"), names(b -> { }));
        assertEquals(List.of("a-0", "u-0", "a-1", "a-2", "u-1", "a-3", "a-4", "a-5"),
                names(b -> b.backupType(BackupTypeFilter.USER)));
    }

    @Test
    void theBackupTypeFilterSelectsSystemAwsBackupOrAll() {
        assertEquals(List.of("a-0", "u-0", "a-1", "s-0", "w-0", "a-2", "u-1", "a-3", "a-4", "a-5"),
                names(b -> b.backupType(BackupTypeFilter.ALL)));
        List<BackupSummary> system = await(client.listBackups(b -> b.backupType(BackupTypeFilter.SYSTEM)))
                .backupSummaries();
        assertEquals(List.of("s-0"), system.stream().map(BackupSummary::backupName).toList());
        assertEquals(software.amazon.awssdk.services.dynamodb.model.BackupType.SYSTEM, system.get(0).backupType());
        assertEquals(times.get("s-0").plus(Duration.ofDays(35)), system.get(0).backupExpiryDateTime());
        assertEquals(List.of("w-0"), names(b -> b.backupType(BackupTypeFilter.AWS_BACKUP)));
    }

    @Test
    void theTableNameFilterTakesANameOrAnArn() {
        assertEquals(List.of("a-0", "a-1", "a-2", "a-3", "a-4", "a-5"), names(b -> b.tableName("orders")));
        assertEquals(List.of("u-0", "u-1"), names(b -> b.tableName(emulator.tableArn("users"))));
        assertEquals(List.of(), names(b -> b.tableName("arn:aws:dynamodb:us-east-1:999999999999:table/users")));
        assertEquals(List.of(), names(b -> b.tableName("missing")));
    }

    @Test
    void theTimeRangeIncludesItsLowerBoundAndExcludesItsUpperBound() {
        assertEquals(List.of("a-1", "s-0", "w-0", "a-2"), names(b -> b.backupType(BackupTypeFilter.ALL)
                .timeRangeLowerBound(times.get("a-1")).timeRangeUpperBound(times.get("u-1"))));
        assertEquals(List.of("a-4", "a-5"), names(b -> b.timeRangeLowerBound(times.get("a-4"))));
        assertEquals(List.of("a-0", "u-0"), names(b -> b.timeRangeUpperBound(times.get("a-1"))));
    }

    @Test
    void pagesFollowLastEvaluatedBackupArnUntilItIsAbsent() {
        assertEquals(List.of(List.of("a-0", "u-0", "a-1"), List.of("a-2", "u-1", "a-3"), List.of("a-4", "a-5")),
                pages(ListBackupsRequest.builder().limit(3).build()));
        assertEquals(List.of(List.of("a-0", "u-0", "a-1"), List.of("a-2", "u-1", "a-3"), List.of("a-4", "a-5")),
                pages(ListBackupsRequest.builder().limit(3).build()), "listing twice gives the same pages");
        ListBackupsResponse exact = await(client.listBackups(b -> b.limit(8)));
        assertEquals(8, exact.backupSummaries().size());
        assertNull(exact.lastEvaluatedBackupArn(), "no page follows when none remain");
    }

    @Test
    void pagingCombinesWithEveryFilter() {
        ListBackupsRequest request = ListBackupsRequest.builder().tableName("orders")
                .backupType(BackupTypeFilter.ALL).timeRangeLowerBound(times.get("a-1"))
                .timeRangeUpperBound(times.get("a-5")).limit(2).build();
        // a-5 shares a-4's millisecond, so the exclusive upper bound at that instant leaves both out.
        assertEquals(List.of(List.of("a-1", "s-0"), List.of("w-0", "a-2"), List.of("a-3")), pages(request));
    }

    @Test
    void aPageMayStartAfterABackupDeletedMeanwhile() {
        ListBackupsResponse first = await(client.listBackups(b -> b.limit(3)));
        assertEquals(arns.get("a-1"), first.lastEvaluatedBackupArn());
        await(client.deleteBackup(b -> b.backupArn(arns.get("a-1"))));
        assertEquals(List.of("a-2", "u-1", "a-3"), names(b -> b.limit(3)
                .exclusiveStartBackupArn(first.lastEvaluatedBackupArn())));
    }

    @Test
    void invalidListBackupsRequestsGiveValidationException() {
        String unknown = emulator.tableArn("orders") + "/backup/01700000000000-0123abcd";
        for (Consumer<ListBackupsRequest.Builder> invalid : List.<Consumer<ListBackupsRequest.Builder>>of(
                b -> b.exclusiveStartBackupArn(unknown),
                b -> b.limit(0),
                b -> b.limit(101),
                b -> b.timeRangeLowerBound(times.get("a-2")).timeRangeUpperBound(times.get("a-1")))) {
            DynamoDbException error = failure(client.listBackups(invalid), DynamoDbException.class);
            assertEquals("ValidationException", error.awsErrorDetails().errorCode());
        }
    }

    @Test
    void listTablesPagesInNameOrder() throws Exception {
        emulator.createTables("t-", 25);
        ListTablesResponse first = await(client.listTables(b -> b.limit(10)));
        assertEquals(10, first.tableNames().size());
        assertEquals("orders", first.tableNames().get(0));
        assertEquals("t-08", first.lastEvaluatedTableName());
        ListTablesResponse second = await(client.listTables(b -> b.limit(10)
                .exclusiveStartTableName(first.lastEvaluatedTableName())));
        assertEquals("t-09", second.tableNames().get(0));
        ListTablesResponse third = await(client.listTables(b -> b.limit(10)
                .exclusiveStartTableName(second.lastEvaluatedTableName())));
        assertEquals(List.of("t-19", "t-20", "t-21", "t-22", "t-23", "t-24", "users"), third.tableNames());
        assertNull(third.lastEvaluatedTableName());

        assertEquals(List.of("t-06", "t-07"), await(client.listTables(b -> b.limit(2)
                .exclusiveStartTableName("t-055"))).tableNames());

        List<String> all = new ArrayList<>();
        client.listTablesPaginator(b -> b.limit(4)).tableNames().subscribe(all::add)
                .get(SdkClients.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals(27, all.size());
        assertEquals(all.stream().sorted().toList(), all);
    }

    @Test
    void listTablesWithoutALimitGivesAHundredNames() {
        emulator.createTables("many-", 120);
        ListTablesResponse first = await(client.listTables());
        assertEquals(100, first.tableNames().size());
        assertEquals("many-099", first.lastEvaluatedTableName());
        ListTablesResponse rest = await(client.listTables(b -> b.exclusiveStartTableName("many-099")));
        assertEquals(22, rest.tableNames().size());
        assertNull(rest.lastEvaluatedTableName());
    }
}
