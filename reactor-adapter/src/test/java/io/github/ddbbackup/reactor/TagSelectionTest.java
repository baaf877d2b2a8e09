package io.github.ddbbackup.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.core.error.AccessDeniedException;
import io.github.ddbbackup.emulator.DynamoDbEmulator;
import io.github.ddbbackup.emulator.DynamoDbEmulatorExtension;
import io.github.ddbbackup.emulator.Fault;
import io.github.ddbbackup.ratelimit.RateLimits;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.netty.resources.ConnectionPoolMetrics;

/**
 * Tables selected by tag against the emulator over real HTTP: GetResources pages (signed for {@code tagging} by the
 * client, verified by the emulator), at the emulator's default limits.
 */
class TagSelectionTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    final DynamoDbEmulatorExtension dynamoDb = new DynamoDbEmulatorExtension();
    DynamoDbEmulator emulator;
    DynamoDbBackupClient client;

    @BeforeEach
    void start() {
        emulator = dynamoDb.emulator();
        client = EmulatorClients.builder(emulator, new AtomicReference<ConnectionPoolMetrics>())
                .rateLimits(RateLimits.DEFAULT).build();
    }

    @AfterEach
    void stop() {
        client.close();
    }

    /** The names t-00.. of the even tables of {@code count}, in order. */
    private static List<String> taggedEven(int count) {
        int width = Integer.toString(count - 1).length();
        return java.util.stream.IntStream.range(0, count).filter(i -> i % 2 == 0)
                .mapToObj(i -> "t-" + String.format("%0" + width + "d", i)).toList();
    }

    /** Table i: backup=daily when i is even, weekly when odd; team red, green, blue by i mod 3. */
    private List<String> taggedTables(int count) {
        List<String> names = emulator.createTables("t-", count);
        for (int i = 0; i < count; i++) {
            emulator.setTags(names.get(i), Map.of("backup", i % 2 == 0 ? "daily" : "weekly",
                    "team", List.of("red", "green", "blue").get(i % 3)));
        }
        return names;
    }

    @Test
    void aThousandTablesAreSelectedByTagInTenGetResourcesCallsWithoutListTables() {
        List<String> names = taggedTables(1000);

        List<String> daily = TableSelection.all().withTag(TagCondition.parse("backup=daily"))
                .tables(client).collectList().block(WAIT);

        assertEquals(names.stream().filter(n -> Integer.parseInt(n.substring(2)) % 2 == 0).toList(), daily);
        assertEquals(5L, pagesServed(), "500 tables, 100 a page");
        assertEquals(0, emulator.stats().requestCount("ListTables"));

        List<String> all = TableSelection.all().withTag(TagCondition.parse("backup")).tables(client)
                .collectList().block(WAIT);
        assertEquals(names, all);
        assertEquals(15L, pagesServed());
        assertTrue(emulator.stats().maxCallsInAnyWindow("GetResources") <= 5, "paced at the emulator's 5/s");
    }

    /**
     * GetResources calls answered with a page: a call that arrives late enough to bunch with the next in the
     * emulator's 1-second window is refused (LimitExceededException) and retried, so it is not counted twice.
     */
    private long pagesServed() {
        return emulator.stats().requestCount("GetResources") - emulator.stats().limitExceededCount("GetResources");
    }

    @Test
    void tagsCombineWithEachOtherWithExclusionsAndWithNameFilters() {
        taggedTables(12);

        assertEquals(List.of("t-00", "t-06"), TableSelection.all().withTag(TagCondition.parse("backup=daily"))
                .withTag(TagCondition.parse("team=red")).tables(client).collectList().block(WAIT));
        assertEquals(List.of("t-02", "t-04", "t-08", "t-10"), TableSelection.all()
                .withTag(TagCondition.parse("backup=daily")).excludingTag(TagCondition.parse("team=red"))
                .tables(client).collectList().block(WAIT));
        assertEquals(List.of("t-10"), TableSelection.all().withPrefix("t-1")
                .withTag(TagCondition.parse("backup=daily")).tables(client).collectList().block(WAIT));
        assertEquals(List.of("t-09", "t-03"), TableSelection.of(List.of("t-09", "t-04", "t-03"))
                .withTag(TagCondition.parse("team=red")).tables(client).collectList().block(WAIT),
                "an explicit list keeps its order, narrowed by tag");
    }

    @Test
    void excludedTagsAloneLeaveUntaggedTablesInAndListTablesNamesThem() {
        taggedTables(6);
        emulator.createTable("untagged");

        assertEquals(List.of("t-1", "t-2", "t-4", "t-5", "untagged"), TableSelection.all()
                .excludingTag(TagCondition.parse("team=red")).tables(client).collectList().block(WAIT));
        assertEquals(1, emulator.stats().requestCount("ListTables"));
    }

    @Test
    void withoutTagGetResourcesPermissionTheTagsAreReadWithListTagsOfResourceSayingSoOnce() {
        taggedTables(24);
        emulator.createTable("untagged");
        emulator.faults().script("GetResources", Fault.error(400, "AccessDeniedException",
                "User is not authorized to perform: tag:GetResources"));
        List<String> notices = new java.util.concurrent.CopyOnWriteArrayList<>();

        List<String> selected = TableSelection.all().withPrefix("t-1").withTag(TagCondition.parse("backup=daily"))
                .excludingTag(TagCondition.parse("team=red")).tables(client, notices::add).collectList().block(WAIT);

        // t-10..t-19: daily are the even ones; red are those divisible by 3 (t-12, t-18).
        assertEquals(List.of("t-10", "t-14", "t-16"), selected);
        assertEquals(1, notices.size(), notices::toString);
        assertTrue(notices.get(0).contains("tag:GetResources") && notices.get(0).contains("ListTagsOfResource"),
                notices.get(0));
        assertEquals(1, emulator.stats().requestCount("GetResources"), "asked once, refused, not asked again");
        assertEquals(10, emulator.stats().callCount("ListTagsOfResource"), "only the tables the prefix selects");
        assertEquals(1, emulator.stats().requestCount("GetCallerIdentity"), "the account of the ARNs, once");
    }

    @Test
    void theFallbackReadsEveryCandidateTableOnceAndSelectsByItsTags() {
        taggedTables(30);
        emulator.faults().script("GetResources", Fault.error(400, "AccessDeniedException", "no tag:GetResources"));

        List<String> daily = TableSelection.all().withTag(TagCondition.parse("backup=daily")).tables(client, n -> { })
                .collectList().block(WAIT);

        assertEquals(taggedEven(30), daily);
        // Admitted calls: one per table (a call refused at the emulator's 10/s and sent again counts once). The
        // client's pacing at 10/s is RateLimits.DEFAULT's, checked on virtual time in RateLimitsTest.
        assertEquals(30, emulator.stats().callCount("ListTagsOfResource"));
    }

    @Test
    void aRefusalOfListTagsOfResourceTooFailsTheSelectionWithAccessDenied() {
        taggedTables(3);
        emulator.faults().script("GetResources", Fault.error(400, "AccessDeniedException", "no tag:GetResources"));
        emulator.faults().script("ListTagsOfResource", Fault.error(400, "AccessDeniedException",
                "no dynamodb:ListTagsOfResource"));

        Throwable e = TableSelection.all().withTag(TagCondition.parse("backup")).tables(client, n -> { })
                .collectList().materialize().block(WAIT).getThrowable();

        assertInstanceOf(AccessDeniedException.class, e);
        assertTrue(e.getMessage().contains("dynamodb:ListTagsOfResource"), e.getMessage());
    }
}
