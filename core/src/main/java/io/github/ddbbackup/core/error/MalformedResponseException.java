package io.github.ddbbackup.core.error;

import org.jspecify.annotations.Nullable;

/**
 * A response came back but could not be used: not JSON, truncated, a member of the wrong type, a required member
 * missing, a checksum mismatch ({@link ChecksumMismatchException}) or a body over the client's cap
 * ({@link ResponseTooLargeException}). It carries the response's real status and request id, and no error code: the
 * response did not name one. Retryable for reads; for CreateBackup the operation may nevertheless have happened,
 * which the client reports as {@link AmbiguousOutcomeException}.
 */
public sealed class MalformedResponseException extends ClientSideException
        permits ChecksumMismatchException, ResponseTooLargeException {

    private final int httpStatus;
    private final @Nullable String requestId;

    /**
     * @param detail     what is wrong with the response
     * @param httpStatus the response's HTTP status
     * @param requestId  the response's {@code x-amzn-RequestId}, or {@code null} when absent
     * @param cause      the parser's failure, or {@code null}
     */
    public MalformedResponseException(String detail, int httpStatus, @Nullable String requestId,
                                      @Nullable Throwable cause) {
        super(detail + " (HTTP " + httpStatus + (requestId != null ? ", request id " + requestId : "") + ")", true,
                cause);
        this.httpStatus = httpStatus;
        this.requestId = requestId;
    }

    /** The HTTP status of the response that could not be used. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The {@code x-amzn-RequestId} of the response, or {@code null} when absent. */
    public @Nullable String requestId() {
        return requestId;
    }
}
