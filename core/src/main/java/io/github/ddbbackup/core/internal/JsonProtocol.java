package io.github.ddbbackup.core.internal;

import io.github.ddbbackup.core.error.ChecksumMismatchException;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;

/** The fixed parts of DynamoDB's JSON 1.0 protocol: method, path, header names, content type, body checksum. */
public final class JsonProtocol {

    public static final String METHOD = "POST";
    public static final String PATH = "/";
    public static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    public static final String SIGNING_NAME = "dynamodb";
    /** The Resource Groups Tagging API's protocol differs only in these two: JSON 1.1, signed for {@code tagging}. */
    public static final String TAGGING_CONTENT_TYPE = "application/x-amz-json-1.1";
    public static final String TAGGING_SIGNING_NAME = "tagging";

    public static final String HEADER_TARGET = "X-Amz-Target";
    public static final String HEADER_REQUEST_ID = "x-amzn-RequestId";
    public static final String HEADER_ERROR_TYPE = "x-amzn-ErrorType";
    public static final String HEADER_CRC32 = "x-amz-crc32";

    private JsonProtocol() {
    }

    /** The CRC32 of a body, as DynamoDB sends it in {@code x-amz-crc32} (an unsigned decimal). */
    public static long crc32(byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body, 0, body.length);
        return crc.getValue();
    }

    /**
     * Checks a body against its {@code x-amz-crc32} header; an absent header passes.
     *
     * @throws ChecksumMismatchException when the header is present and differs (or is not a number)
     */
    public static void verifyCrc32(@Nullable String header, byte[] body, int httpStatus,
                                   @Nullable String requestId) {
        if (header == null) {
            return;
        }
        long actual = crc32(body);
        long expected;
        try {
            expected = Long.parseLong(header.trim());
        } catch (NumberFormatException notANumber) {
            expected = -1;
        }
        if (expected != actual) {
            throw new ChecksumMismatchException(expected, actual, httpStatus, requestId);
        }
    }
}
