package io.github.ddbbackup.core;

/**
 * The output of an operation that answers nothing but success (TagResource, UntagResource): DynamoDB sends an empty
 * body or {@code {}}, and either decodes to this.
 */
public record EmptyResponse() {

    /** The one value. */
    public static final EmptyResponse INSTANCE = new EmptyResponse();
}
