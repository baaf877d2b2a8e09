package io.github.ddbbackup.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.core.GetResourcesRequest.TagFilter;
import io.github.ddbbackup.core.GetResourcesResponse.ResourceTagMapping;
import io.github.ddbbackup.core.Tag;
import io.github.ddbbackup.core.internal.WireCodec;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** GetResources of the Resource Groups Tagging API: its target, its JSON both ways, and its input's constraints. */
class GetResourcesTest {

    private static final WireCodec CODEC = WireCodec.shared();

    @Test
    void targetIsTheTaggingApisAndNotDynamoDbs() {
        assertEquals("ResourceGroupsTaggingAPI_20170126.GetResources", Operation.GET_RESOURCES.target());
        assertTrue(Operation.GET_RESOURCES.isTagging());
        assertFalse(Operation.CREATE_BACKUP.isTagging());
    }

    @Test
    void requestEncodesAsTheApiReferenceSpellsIt() {
        GetResourcesRequest request = GetResourcesRequest.tables(
                List.of(TagFilter.of("backup", "daily"), TagFilter.anyValue("team"))).nextPage("tok");

        assertEquals("{\"PaginationToken\":\"tok\",\"TagFilters\":[{\"Key\":\"backup\",\"Values\":[\"daily\"]},"
                + "{\"Key\":\"team\"}],\"ResourcesPerPage\":100,"
                + "\"ResourceTypeFilters\":[\"dynamodb:table\"]}",
                new String(CODEC.encode(request), StandardCharsets.UTF_8));
    }

    @Test
    void responseDecodesAndAnEmptyTokenMeansTheLastPage() {
        byte[] body = ("{\"PaginationToken\":\"\",\"ResourceTagMappingList\":[{\"ResourceARN\":"
                + "\"arn:aws:dynamodb:us-east-1:123456789012:table/orders\",\"Tags\":[{\"Key\":\"backup\","
                + "\"Value\":\"daily\"}]}]}").getBytes(StandardCharsets.UTF_8);

        GetResourcesResponse response = CODEC.decodeResponse(Operation.GET_RESOURCES, body, 200, "rid");

        assertEquals(Optional.empty(), response.nextPaginationToken());
        assertEquals(Optional.of(""), response.paginationToken(), "kept as sent");
        assertEquals(List.of(new ResourceTagMapping("arn:aws:dynamodb:us-east-1:123456789012:table/orders",
                List.of(new Tag("backup", "daily")))), response.resourceTagMappingList());
        GetResourcesResponse more = CODEC.decodeResponse(Operation.GET_RESOURCES,
                "{\"PaginationToken\":\"next\"}".getBytes(StandardCharsets.UTF_8), 200, "rid");
        assertEquals(Optional.of("next"), more.nextPaginationToken());
        assertEquals(List.of(), more.resourceTagMappingList());
    }

    @Test
    void inputBreakingTheApisConstraintsIsRefusedNamingTheMember() {
        assertEquals("ResourcesPerPage", assertThrows(RequestValidationException.class,
                () -> new GetResourcesRequest(null, null, 101, null)).field());
        assertEquals("TagFilter.Key", assertThrows(RequestValidationException.class,
                () -> TagFilter.anyValue("")).field());
        assertEquals("TagFilter.Key", assertThrows(RequestValidationException.class,
                () -> TagFilter.anyValue("k".repeat(129))).field());
        assertEquals("TagFilter.Values", assertThrows(RequestValidationException.class,
                () -> new TagFilter("k", Collections.nCopies(21, "v"))).field());
        assertEquals("TagFilter.Values", assertThrows(RequestValidationException.class,
                () -> TagFilter.of("k", "v".repeat(257))).field());
        assertEquals("TagFilters", assertThrows(RequestValidationException.class,
                () -> GetResourcesRequest.tables(IntStream.range(0, 51).mapToObj(i -> TagFilter.anyValue("k" + i))
                        .toList())).field());
        assertEquals("TagFilters.Key", assertThrows(RequestValidationException.class,
                () -> GetResourcesRequest.tables(List.of(TagFilter.anyValue("k"), TagFilter.of("k", "v"))))
                .field());
        assertEquals("PaginationToken", assertThrows(RequestValidationException.class,
                () -> new GetResourcesRequest("t".repeat(2049), null, null, null)).field());
        assertEquals(50, GetResourcesRequest.tables(IntStream.range(0, 50)
                .mapToObj(i -> TagFilter.anyValue("k" + i)).toList()).tagFilters().size(), "50 filters are fine");
    }
}
