package io.github.ddbbackup.core;

import io.github.ddbbackup.core.internal.Validation;
import org.jspecify.annotations.Nullable;

/**
 * ListTagsOfResource's input.
 *
 * @param resourceArn the table (or index) ARN; 1..1283 characters
 * @param nextToken   the {@code NextToken} of the previous page; {@code null} for the first
 */
public record ListTagsOfResourceRequest(String resourceArn, @Nullable String nextToken) {

    /** The longest resource ARN DynamoDB accepts. */
    public static final int RESOURCE_ARN_MAX = 1283;

    /** @throws RequestValidationException when the ARN is missing or too long */
    public ListTagsOfResourceRequest {
        Validation.length("ResourceArn", resourceArn, 1, RESOURCE_ARN_MAX);
    }

    /** The first page of a resource's tags. */
    public static ListTagsOfResourceRequest firstPage(String resourceArn) {
        return new ListTagsOfResourceRequest(resourceArn, null);
    }
}
