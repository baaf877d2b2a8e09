package io.github.ddbbackup.core.error;

import org.jspecify.annotations.Nullable;

/**
 * The root of every failure of a DynamoDB call made through this library. It has two branches, as Spring's
 * {@code WebClientResponseException} and {@code WebClientRequestException} have:
 * <ul>
 *   <li>{@link ErrorResponseException}: DynamoDB (or something in front of it) answered with an error response. It
 *       carries what the response said: error code, HTTP status, request id. Catch one of its categories by meaning
 *       ({@link ErrorResponseException.Throttled}, {@link ErrorResponseException.NotFound}...) or one error code's class
 *       ({@link TableNotFoundException}).</li>
 *   <li>{@link ClientSideException}: the client ended the call without an error response to report: no response, a
 *       response it could not read, a permit or credentials it could not get, an outcome it cannot know. It carries no error code and
 *       no HTTP status of its own.</li>
 * </ul>
 * Both branches are sealed: the lists are complete. A request that breaks a documented constraint is refused before
 * anything is sent with {@link io.github.ddbbackup.core.RequestValidationException}, an
 * {@link IllegalArgumentException} outside this hierarchy.
 */
public abstract sealed class DynamoDbCallException extends RuntimeException
        permits ErrorResponseException, ClientSideException {

    private final boolean retryable;

    DynamoDbCallException(@Nullable String message, boolean retryable, @Nullable Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    /**
     * Whether the same request may succeed if sent again (after a delay). The client's own retries follow this
     * answer.
     */
    public boolean isRetryable() {
        return retryable;
    }
}
