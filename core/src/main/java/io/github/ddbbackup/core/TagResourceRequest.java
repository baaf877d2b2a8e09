package io.github.ddbbackup.core;

import io.github.ddbbackup.core.internal.Validation;
import java.util.List;

/**
 * TagResource's input.
 *
 * @param resourceArn the table (or index) ARN; 1..1283 characters
 * @param tags        the tags to add or overwrite; at least one, keys unique
 */
public record TagResourceRequest(String resourceArn, List<Tag> tags) {

    /** @throws RequestValidationException when a member breaks the API reference's constraints */
    public TagResourceRequest {
        Validation.length("ResourceArn", resourceArn, 1, ListTagsOfResourceRequest.RESOURCE_ARN_MAX);
        Validation.required("Tags", tags);
        tags = List.copyOf(tags);
        if (tags.isEmpty()) {
            throw new RequestValidationException("Tags", "[]", "at least one tag");
        }
        if (tags.stream().map(Tag::key).distinct().count() != tags.size()) {
            throw new RequestValidationException("Tags", tags.stream().map(Tag::key).toList(), "unique keys");
        }
    }
}
