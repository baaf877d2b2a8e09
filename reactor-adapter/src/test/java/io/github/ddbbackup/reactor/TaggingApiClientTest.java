package io.github.ddbbackup.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.core.GetResourcesRequest;
import io.github.ddbbackup.core.GetResourcesRequest.TagFilter;
import io.github.ddbbackup.core.GetResourcesResponse.ResourceTagMapping;
import io.github.ddbbackup.core.Operation;
import io.github.ddbbackup.core.error.AccessDeniedException;
import io.github.ddbbackup.ratelimit.RateLimits;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * GetResources of the Resource Groups Tagging API through the client, against a scripted transport on virtual time:
 * what is sent (JSON 1.1, signed for {@code tagging}), paging to the empty token, pacing, and its errors.
 */
class TaggingApiClientTest {

    @RegisterExtension
    final ScriptedExchange server = new ScriptedExchange();

    @RegisterExtension
    static final VirtualTimeVerifications VERIFICATIONS = new VirtualTimeVerifications();

    private VirtualTimeScheduler time;

    private VirtualTimeScheduler freshTime() {
        time = VERIFICATIONS.fresh();
        return time;
    }

    private DynamoDbBackupClient client(RateLimits limits) {
        return ScriptedClients.builder(server)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "s")))
                .scheduler(time)
                .wallClock(new VirtualClock(time))
                .rateLimits(limits)
                .build();
    }

    private static String page(String token, int from, int count) {
        String items = String.join(",", IntStream.range(from, from + count).mapToObj(i ->
                "{\"ResourceARN\":\"arn:aws:dynamodb:us-east-1:123456789012:table/t-" + i
                        + "\",\"Tags\":[{\"Key\":\"backup\",\"Value\":\"daily\"}]}").toList());
        return "{\"PaginationToken\":\"" + token + "\",\"ResourceTagMappingList\":[" + items + "]}";
    }

    private static final GetResourcesRequest DAILY = GetResourcesRequest.tables(List.of(TagFilter.of("backup",
            "daily")));

    @Test
    void sentAsJson11SignedForTaggingWithTheTaggingTarget() {
        server.expect(Operation.GET_RESOURCES, request -> assertEquals(DAILY, request)).thenRespond(200, page("", 0, 1));

        StepVerifier.withVirtualTime(() -> client(RateLimits.NONE).getResources(DAILY), this::freshTime, Long.MAX_VALUE)
                .assertNext(mapping -> assertEquals("arn:aws:dynamodb:us-east-1:123456789012:table/t-0",
                        mapping.resourceArn()))
                .verifyComplete();

        ScriptedExchange.Sent sent = server.sent().get(0);
        assertEquals("ResourceGroupsTaggingAPI_20170126.GetResources", sent.header("X-Amz-Target"));
        assertEquals("application/x-amz-json-1.1", sent.header("Content-Type"));
        String authorization = sent.header("Authorization");
        assertTrue(authorization.contains("/us-east-1/tagging/aws4_request"), authorization);
    }

    @Test
    void pagesFollowThePaginationTokenUntilTheEmptyOne() {
        server.expect(Operation.GET_RESOURCES, request -> assertEquals(null, request.paginationToken()))
                .thenRespond(200, page("p2", 0, 100))
                .expect(Operation.GET_RESOURCES, request -> assertEquals("p2", request.paginationToken()))
                .thenRespond(200, page("p3", 100, 100))
                .expect(Operation.GET_RESOURCES, request -> assertEquals("p3", request.paginationToken()))
                .thenRespond(200, page("", 200, 7));

        StepVerifier.withVirtualTime(() -> client(RateLimits.NONE).getResources(DAILY)
                        .map(ResourceTagMapping::resourceArn).collectList(), this::freshTime, Long.MAX_VALUE)
                .assertNext(arns -> {
                    assertEquals(207, arns.size());
                    assertTrue(arns.get(206).endsWith("table/t-206"));
                })
                .verifyComplete();
        assertEquals(3, server.sent().size());
    }

    @Test
    void tenPagesArePacedAtTheDefaultFivePerSecondSoAThousandTablesTakeUnderTwoSeconds() {
        List<Long> sentAt = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 10; i++) {
            server.expect(Operation.GET_RESOURCES, request -> sentAt.add(time.now(TimeUnit.MILLISECONDS)))
                    .thenRespond(200, page(i == 9 ? "" : "p" + (i + 1), i * 100, 100));
        }

        StepVerifier.withVirtualTime(() -> client(RateLimits.DEFAULT).getResources(DAILY).count(), this::freshTime,
                        Long.MAX_VALUE)
                .thenAwait(Duration.ofSeconds(5))
                .expectNext(1000L)
                .verifyComplete();

        for (int i = 1; i < sentAt.size(); i++) {
            assertTrue(sentAt.get(i) - sentAt.get(i - 1) >= 200, "5 per second: " + sentAt);
        }
        long last = sentAt.get(9) - sentAt.get(0);
        assertTrue(last >= 1800 && last < 2000, "the tenth page 9 permits after the first: " + sentAt);
    }

    @Test
    void accessDeniedIsTypedAndNotRetried() {
        server.expect(Operation.GET_RESOURCES).thenError(400, "AccessDeniedException");

        StepVerifier.withVirtualTime(() -> client(RateLimits.NONE).getResources(DAILY), this::freshTime,
                        Long.MAX_VALUE)
                .expectErrorSatisfies(e -> assertInstanceOf(AccessDeniedException.class, e))
                .verify();
        assertEquals(1, server.sent().size());
    }

    @Test
    void throttledExceptionIsRetriedWithBackoff() {
        server.expect(Operation.GET_RESOURCES).thenError(400, "ThrottledException")
                .expect(Operation.GET_RESOURCES).thenRespond(200, page("", 0, 2));

        StepVerifier.withVirtualTime(() -> client(RateLimits.NONE).getResources(DAILY).count(), this::freshTime,
                        Long.MAX_VALUE)
                .thenAwait(Duration.ofSeconds(10))
                .expectNext(2L)
                .verifyComplete();
        assertEquals(2, server.sent().size());
    }

    @Test
    void dynamoDbsRegionalEndpointHasTheTaggingApiBesideItAndAnyOtherEndpointIsAskedItself() {
        assertEquals(URI.create("https://tagging.eu-west-1.amazonaws.com"), EndpointResolver.sibling(
                URI.create("https://dynamodb.eu-west-1.amazonaws.com"), Region.EU_WEST_1, "tagging"));
        assertEquals(URI.create("https://tagging.cn-north-1.amazonaws.com.cn"), EndpointResolver.sibling(
                URI.create("https://dynamodb.cn-north-1.amazonaws.com.cn"), Region.CN_NORTH_1, "tagging"));
        assertEquals(URI.create("http://127.0.0.1:8000"), EndpointResolver.sibling(
                URI.create("http://127.0.0.1:8000"), Region.US_EAST_1, "tagging"));
    }
}
