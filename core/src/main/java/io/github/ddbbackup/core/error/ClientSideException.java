package io.github.ddbbackup.core.error;

import org.jspecify.annotations.Nullable;

/**
 * A call that failed in the client, with no error response from DynamoDB to report: the exchange broke
 * ({@link TransportException}), a CreateBackup's outcome is unknown ({@link AmbiguousOutcomeException}), the response
 * could not be read ({@link MalformedResponseException}), no permit could be had ({@link RateLimitQueueFullException},
 * {@link SharedRateLimiterUnavailableException}), no credentials could be had to sign it
 * ({@link CredentialsUnavailableException}), or a backup that was waited for was not confirmed AVAILABLE
 * ({@link BackupNotAvailableException}), or a table waited for was not seen ACTIVE ({@link TableNotActiveException}).
 * There is no error code and no made-up HTTP status: what went wrong is the
 * class, the message and the cause.
 */
public abstract sealed class ClientSideException extends DynamoDbCallException
        permits TransportException, AmbiguousOutcomeException, MalformedResponseException,
        RateLimitQueueFullException, SharedRateLimiterUnavailableException, CredentialsUnavailableException,
        BackupNotAvailableException, TableNotActiveException {

    ClientSideException(@Nullable String message, boolean retryable, @Nullable Throwable cause) {
        super(message, retryable, cause);
    }
}
