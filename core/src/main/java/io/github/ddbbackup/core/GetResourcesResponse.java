package io.github.ddbbackup.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * A GetResources page. The next page exists exactly when {@code paginationToken} is present and not empty: the API
 * answers the last page with an empty token ({@link #nextPaginationToken()} tells).
 *
 * @param paginationToken        where the next page starts; empty (or absent) on the last
 * @param resourceTagMappingList this page's resources with their tags, possibly none
 */
public record GetResourcesResponse(
        Optional<String> paginationToken,
        @JsonInclude(JsonInclude.Include.ALWAYS) List<ResourceTagMapping> resourceTagMappingList) {

    /** Absent members become empty. */
    public GetResourcesResponse {
        paginationToken = Members.optional(paginationToken);
        resourceTagMappingList = Members.list(resourceTagMappingList);
    }

    /** The token of the next page; empty on the last page, whether the token is absent or the empty string. */
    public Optional<String> nextPaginationToken() {
        return paginationToken.filter(token -> !token.isEmpty());
    }

    /**
     * One resource and its tags.
     *
     * @param resourceArn the resource's ARN (a table's: {@code arn:aws:dynamodb:<region>:<account>:table/<name>})
     * @param tags        its tags ({@link Tag}, as DynamoDB's TagResource takes them), possibly none
     */
    public record ResourceTagMapping(
            @JsonProperty("ResourceARN") String resourceArn,
            @JsonInclude(JsonInclude.Include.ALWAYS) List<Tag> tags) {

        /** @throws IllegalArgumentException when the ARN is missing */
        public ResourceTagMapping {
            Members.required(resourceArn, "ResourceTagMapping.ResourceARN");
            tags = Members.list(tags);
        }
    }
}
