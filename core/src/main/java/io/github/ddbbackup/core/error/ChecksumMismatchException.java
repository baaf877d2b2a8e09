package io.github.ddbbackup.core.error;

import org.jspecify.annotations.Nullable;

/** The body's CRC32 differs from the {@code x-amz-crc32} header: the body was damaged in transit. Retryable. */
public final class ChecksumMismatchException extends MalformedResponseException {

    public ChecksumMismatchException(long expected, long actual, int httpStatus, @Nullable String requestId) {
        super("x-amz-crc32 says " + expected + " but the body's CRC32 is " + actual, httpStatus, requestId, null);
    }
}
