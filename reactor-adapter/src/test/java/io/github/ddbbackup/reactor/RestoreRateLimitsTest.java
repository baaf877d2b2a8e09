package io.github.ddbbackup.reactor;

import static io.github.ddbbackup.reactor.RateLimitedClientTest.busiestSecond;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.core.RestoreRequest;
import io.github.ddbbackup.core.Tag;
import io.github.ddbbackup.core.internal.JsonProtocol;
import io.github.ddbbackup.ratelimit.RateLimits;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * The default limits of the restore operations, measured on virtual time at the transport: RestoreTableFromBackup,
 * DescribeContinuousBackups and ListTagsOfResource at most 10 calls in any second, TagResource and UntagResource 5;
 * DescribeTable, whose rate the API reference does not document, is not held back.
 */
class RestoreRateLimitsTest {

    static final String BACKUP_ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/orders/backup/"
            + "01795264347487-0123abcd";
    static final String TABLE_ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/orders";
    static final String TABLE = "{\"TableName\":\"t\",\"TableStatus\":\"ACTIVE\"}";

    /** Answers every call at once with its operation's canned body, recording when (virtual ms) each was sent. */
    static Exchange answering(VirtualTimeScheduler time, Map<String, List<Long>> sentAt) {
        Map<String, String> bodies = Map.of(
                "RestoreTableFromBackup", "{\"TableDescription\":" + TABLE + "}",
                "DescribeTable", "{\"Table\":" + TABLE + "}",
                "TagResource", "",
                "UntagResource", "",
                "ListTagsOfResource", "{\"Tags\":[{\"Key\":\"k\",\"Value\":\"v\"}]}",
                "DescribeContinuousBackups", "{\"ContinuousBackupsDescription\":{\"ContinuousBackupsStatus\":"
                        + "\"ENABLED\"}}");
        return (headers, body, attempt) -> Mono.fromSupplier(() -> {
            String target = headers.entrySet().stream()
                    .filter(h -> h.getKey().equalsIgnoreCase(JsonProtocol.HEADER_TARGET))
                    .map(h -> h.getValue().get(0)).findFirst().orElseThrow();
            String operation = target.substring(target.indexOf('.') + 1);
            sentAt.computeIfAbsent(operation, o -> new CopyOnWriteArrayList<>()).add(time.now(TimeUnit.MILLISECONDS));
            attempt.written();
            return new RawResponse(200, "rid", null, bodies.get(operation).getBytes(StandardCharsets.UTF_8));
        });
    }

    private static Map<String, List<Long>> run(int calls, Function<DynamoDbBackupClient, Function<Integer,
            Mono<?>>> call, Duration virtualTime) {
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        Map<String, List<Long>> sentAt = new ConcurrentHashMap<>();
        DynamoDbBackupClient client = RateLimitedClientTest.client(time, answering(time, sentAt),
                RateLimits.DEFAULT.withJitterMargin(Duration.ZERO), Timeouts.DEFAULT.withOverall(Duration.ofMinutes(5)));
        Function<Integer, Mono<?>> one = call.apply(client);
        StepVerifier.withVirtualTime(() -> Flux.range(0, calls).flatMap(one::apply, calls), () -> time, Long.MAX_VALUE)
                .thenAwait(virtualTime)
                .expectNextCount(calls)
                .verifyComplete();
        return sentAt;
    }

    @Test
    void hundredRestoresTakeTenVirtualSecondsAndNeverElevenInASecond() {
        List<Long> sent = run(100, client -> i -> client.restoreTableFromBackup(
                RestoreRequest.builder("copy-" + i, BACKUP_ARN).build()), Duration.ofSeconds(15))
                .get("RestoreTableFromBackup");
        assertEquals(100, sent.size());
        assertEquals(10, busiestSecond(sent, TimeUnit.MILLISECONDS));
        long last = sent.stream().mapToLong(Long::longValue).max().orElseThrow();
        assertTrue(last >= 9_800 && last <= 9_900, "the 100th restore was sent at " + last + " ms");
    }

    @Test
    void tagAndUntagResourceAreFivePerSecondEachAndAnswerWithAnEmptyBody() {
        Map<String, List<Long>> sent = run(40, client -> i -> i % 2 == 0
                ? client.tagResource(TABLE_ARN, List.of(new Tag("k" + i, "v"))).thenReturn(i)
                : client.untagResource(TABLE_ARN, List.of("k" + i)).thenReturn(i), Duration.ofSeconds(10));
        assertEquals(20, sent.get("TagResource").size());
        assertEquals(20, sent.get("UntagResource").size());
        assertEquals(5, busiestSecond(sent.get("TagResource"), TimeUnit.MILLISECONDS));
        assertEquals(5, busiestSecond(sent.get("UntagResource"), TimeUnit.MILLISECONDS));
    }

    @Test
    void listTagsAndDescribeContinuousBackupsAreTenPerSecondAndDescribeTableIsNotHeldBack() {
        Map<String, List<Long>> sent = run(90, client -> i -> switch (i % 3) {
            case 0 -> client.listTagsOfResource(TABLE_ARN).collectList();
            case 1 -> client.describeContinuousBackups("orders");
            default -> client.describeTable("orders");
        }, Duration.ofSeconds(10));
        assertEquals(10, busiestSecond(sent.get("ListTagsOfResource"), TimeUnit.MILLISECONDS));
        assertEquals(10, busiestSecond(sent.get("DescribeContinuousBackups"), TimeUnit.MILLISECONDS));
        assertEquals(30, sent.get("DescribeTable").size());
        assertTrue(sent.get("DescribeTable").stream().allMatch(at -> at == 0L), "all 30 sent at once");
    }
}
