package io.github.ddbbackup.core;

import io.github.ddbbackup.core.internal.Validation;
import java.util.List;

/**
 * UntagResource's input.
 *
 * @param resourceArn the table (or index) ARN; 1..1283 characters
 * @param tagKeys     the keys of the tags to remove; at least one, each 1..128 characters
 */
public record UntagResourceRequest(String resourceArn, List<String> tagKeys) {

    /** @throws RequestValidationException when a member breaks the API reference's constraints */
    public UntagResourceRequest {
        Validation.length("ResourceArn", resourceArn, 1, ListTagsOfResourceRequest.RESOURCE_ARN_MAX);
        Validation.required("TagKeys", tagKeys);
        tagKeys = List.copyOf(tagKeys);
        if (tagKeys.isEmpty()) {
            throw new RequestValidationException("TagKeys", "[]", "at least one key");
        }
        tagKeys.forEach(key -> Validation.length("TagKeys", key, 1, Tag.KEY_MAX));
    }
}
