package io.github.ddbbackup.reactor;

import org.jspecify.annotations.Nullable;

/**
 * A complete HTTP response as the transport read it, before decoding.
 *
 * @param status    the HTTP status
 * @param requestId {@code x-amzn-RequestId}, or null
 * @param errorType {@code x-amzn-ErrorType}, or null
 * @param body      the whole body (within the size cap), CRC32-checked when the server sent {@code x-amz-crc32}
 */
record RawResponse(int status, @Nullable String requestId, @Nullable String errorType, byte[] body) {
}
