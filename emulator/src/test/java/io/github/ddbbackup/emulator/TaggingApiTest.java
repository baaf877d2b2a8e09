package io.github.ddbbackup.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.core.GetResourcesRequest;
import io.github.ddbbackup.core.GetResourcesRequest.TagFilter;
import io.github.ddbbackup.core.GetResourcesResponse;
import io.github.ddbbackup.core.GetResourcesResponse.ResourceTagMapping;
import io.github.ddbbackup.core.Operation;
import io.github.ddbbackup.core.internal.JsonProtocol;
import io.github.ddbbackup.core.internal.WireCodec;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Resource Groups Tagging API's GetResources as the emulator serves it on its own port: raw requests signed by the
 * AWS SDK's signer for {@code tagging} and sent as JSON 1.1, as the SDK's ResourceGroupsTaggingApi client sends them.
 */
class TaggingApiTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    private DynamoDbEmulator emulator;

    @AfterEach
    void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    private void start(EmulatorRateLimits limits) {
        emulator = DynamoDbEmulator.builder().port(0).clock(Clock.fixed(NOW, ZoneOffset.UTC)).rateLimits(limits)
                .build();
        emulator.start();
    }

    private RawHttp.Response getResources(GetResourcesRequest request, String service, String contentType) {
        byte[] body = WireCodec.shared().encode(request);
        URI endpoint = emulator.endpoint();
        Map<String, String> headers = RawHttp.signedHeaders(endpoint, null, body,
                RawHttp.Signing.as(emulator).at(NOW).service(service),
                Map.of("Content-Type", contentType, JsonProtocol.HEADER_TARGET, Operation.GET_RESOURCES.target()));
        return RawHttp.post(endpoint, headers, body);
    }

    private GetResourcesResponse page(GetResourcesRequest request) {
        RawHttp.Response response = getResources(request, JsonProtocol.TAGGING_SIGNING_NAME,
                JsonProtocol.TAGGING_CONTENT_TYPE);
        assertEquals(200, response.status(), response.text());
        return WireCodec.shared().decodeResponse(Operation.GET_RESOURCES, response.body(), 200, null);
    }

    @Test
    void tagFiltersSelectTablesCarryingEveryKeyWithOneOfItsValues() {
        start(EmulatorRateLimits.NONE);
        emulator.createTables("t-", 4);
        emulator.setTags("t-0", Map.of("backup", "daily", "team", "red"));
        emulator.setTags("t-1", Map.of("backup", "weekly", "team", "red"));
        emulator.setTags("t-2", Map.of("backup", "daily"));

        assertEquals(List.of("t-0", "t-2"), names(page(GetResourcesRequest.tables(
                List.of(TagFilter.of("backup", "daily"))))));
        assertEquals(List.of("t-0"), names(page(GetResourcesRequest.tables(
                List.of(TagFilter.of("backup", "daily"), TagFilter.anyValue("team"))))));
        assertEquals(List.of("t-0", "t-1", "t-2"), names(page(GetResourcesRequest.tables(
                List.of(new TagFilter("backup", List.of("daily", "weekly")))))));
        assertEquals(List.of("t-0", "t-1", "t-2"), names(page(GetResourcesRequest.tables(List.of()))),
                "no filter: every tagged table, not the untagged t-3");
        assertEquals(List.of(), names(page(new GetResourcesRequest(null, null, null, List.of("ec2:instance")))));
        ResourceTagMapping first = page(GetResourcesRequest.tables(List.of(TagFilter.anyValue("team"))))
                .resourceTagMappingList().get(0);
        assertEquals(emulator.tableArn("t-0"), first.resourceArn());
        assertEquals(List.of(new io.github.ddbbackup.core.Tag("backup", "daily"), new io.github.ddbbackup.core.Tag("team",
                "red")), first.tags());
    }

    @Test
    void pagesOfResourcesPerPageEndWithAnEmptyToken() {
        start(EmulatorRateLimits.NONE);
        for (String table : emulator.createTables("t-", 250)) {
            emulator.setTags(table, Map.of("backup", "daily"));
        }
        List<String> seen = new ArrayList<>();
        GetResourcesRequest request = GetResourcesRequest.tables(List.of(TagFilter.of("backup", "daily")));
        int pages = 0;
        while (true) {
            RawHttp.Response raw = getResources(request, JsonProtocol.TAGGING_SIGNING_NAME,
                    JsonProtocol.TAGGING_CONTENT_TYPE);
            assertTrue(raw.text().contains("\"PaginationToken\":"), "the token is always sent: " + raw.text());
            GetResourcesResponse response = WireCodec.shared().decodeResponse(Operation.GET_RESOURCES, raw.body(),
                    200, null);
            pages++;
            seen.addAll(names(response));
            if (response.nextPaginationToken().isEmpty()) {
                break;
            }
            request = request.nextPage(response.nextPaginationToken().get());
        }
        assertEquals(3, pages);
        assertEquals(250, seen.size());
        assertEquals("t-249", seen.get(249));
    }

    @Test
    void aTokenNotIssuedHereIsAnInvalidParameter() {
        start(EmulatorRateLimits.NONE);
        RawHttp.Response response = getResources(new GetResourcesRequest("forged", null, null, null),
                JsonProtocol.TAGGING_SIGNING_NAME, JsonProtocol.TAGGING_CONTENT_TYPE);

        assertEquals(400, response.status());
        assertTrue(response.text().contains("InvalidParameterException"), response.text());
    }

    @Test
    void aRequestSignedForDynamoDbIsRefusedAndJson10IsNotTheTaggingApi() {
        start(EmulatorRateLimits.NONE);
        RawHttp.Response wrongService = getResources(GetResourcesRequest.tables(List.of()), JsonProtocol.SIGNING_NAME,
                JsonProtocol.TAGGING_CONTENT_TYPE);
        assertEquals(400, wrongService.status());
        assertTrue(wrongService.text().contains("InvalidSignatureException"), wrongService.text());
        assertTrue(wrongService.text().contains("'tagging'"), wrongService.text());

        RawHttp.Response json10 = getResources(GetResourcesRequest.tables(List.of()),
                JsonProtocol.TAGGING_SIGNING_NAME, JsonProtocol.CONTENT_TYPE);
        assertEquals(404, json10.status());
    }

    @Test
    void getResourcesIsAdmittedFiveTimesInAnyOneSecondWindowByDefault() {
        start(EmulatorRateLimits.DEFAULT);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            statuses.add(getResources(GetResourcesRequest.tables(List.of()), JsonProtocol.TAGGING_SIGNING_NAME,
                    JsonProtocol.TAGGING_CONTENT_TYPE).status());
        }
        // The clock stands still: all six arrive in one instant.
        assertEquals(List.of(200, 200, 200, 200, 200, 400), statuses);
        assertEquals(Optional.of(5), Optional.of(EmulatorRateLimits.DEFAULT.limit("GetResources").getAsInt()));
        assertEquals(6, emulator.stats().requestCount("GetResources"));
    }

    private static List<String> names(GetResourcesResponse response) {
        return response.resourceTagMappingList().stream()
                .map(m -> m.resourceArn().substring(m.resourceArn().indexOf("table/") + "table/".length())).toList();
    }
}
