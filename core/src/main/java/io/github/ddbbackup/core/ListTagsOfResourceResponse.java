package io.github.ddbbackup.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Optional;

/**
 * A ListTagsOfResource page. The next page exists exactly when {@code nextToken} is present.
 *
 * @param tags      this page's tags, possibly none
 * @param nextToken where the next page starts; empty on the last
 */
public record ListTagsOfResourceResponse(
        @JsonInclude(JsonInclude.Include.ALWAYS) List<Tag> tags,
        Optional<String> nextToken) {

    /** An absent list becomes empty, an absent token empty; the list is copied. */
    public ListTagsOfResourceResponse {
        tags = Members.list(tags);
        nextToken = Members.optional(nextToken);
    }
}
