package io.github.ddbbackup.core;

import io.github.ddbbackup.core.internal.JsonProtocol;
import static io.github.ddbbackup.core.ApiJson.utf8;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.core.error.ChecksumMismatchException;
import io.github.ddbbackup.core.error.MalformedResponseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The body checksum DynamoDB sends in {@code x-amz-crc32}, and the protocol's fixed names. */
class JsonProtocolTest {

    private static final byte[] BODY = utf8("{\"TableNames\":[]}");
    /** Computed independently (Python's zlib.crc32) for the bodies below. */
    private static final long BODY_CRC32 = 1315925753L;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            123456789                | 3421780262
            {}                       | 2745614147
            {"TableNames":[]}        | 1315925753
            {"TableNames":["café"]}  | 254082389
            """)
    void crc32OfKnownBodies(String body, long expected) {
        assertEquals(expected, JsonProtocol.crc32(utf8(body)));
    }

    @Test
    void crc32OfAnEmptyBodyIsZero() {
        assertEquals(0L, JsonProtocol.crc32(new byte[0]));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"1315925753", " 1315925753 "})
    void matchingHeaderPasses(String header) {
        assertDoesNotThrow(() -> JsonProtocol.verifyCrc32(header, BODY, 200, "req-1"));
    }

    @Test
    void absentHeaderPasses() {
        assertDoesNotThrow(() -> JsonProtocol.verifyCrc32(null, BODY, 200, "req-1"));
    }

    @Test
    void mismatchIsARetryableMalformedResponse() {
        ChecksumMismatchException e = assertThrows(ChecksumMismatchException.class,
                () -> JsonProtocol.verifyCrc32(Long.toString(BODY_CRC32 + 1), BODY, 200, "req-7"));

        assertTrue(e instanceof MalformedResponseException);
        assertEquals(200, e.httpStatus());
        assertEquals("req-7", e.requestId());
        assertTrue(e.isRetryable());
        assertTrue(e.getMessage().contains(Long.toString(BODY_CRC32 + 1))
                && e.getMessage().contains(Long.toString(BODY_CRC32)), e.getMessage());
    }

    @Test
    void oneFlippedBitInTheBodyIsCaught() {
        byte[] damaged = BODY.clone();
        damaged[3] ^= 0x01;

        assertThrows(ChecksumMismatchException.class,
                () -> JsonProtocol.verifyCrc32(Long.toString(BODY_CRC32), damaged, 200, null));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "abc", "0x4E6F2AF9", "1315925753.0", "-1", "99999999999999999999"})
    void headerThatIsNotTheChecksumFails(String header) {
        ChecksumMismatchException e = assertThrows(ChecksumMismatchException.class,
                () -> JsonProtocol.verifyCrc32(header, BODY, 200, "req-1"));
        assertTrue(e.isRetryable());
    }

    @Test
    void protocolConstants() {
        assertEquals("application/x-amz-json-1.0", JsonProtocol.CONTENT_TYPE);
        assertEquals("POST", JsonProtocol.METHOD);
        assertEquals("/", JsonProtocol.PATH);
        assertEquals("dynamodb", JsonProtocol.SIGNING_NAME);
        assertEquals("X-Amz-Target", JsonProtocol.HEADER_TARGET);
        assertEquals("x-amzn-RequestId", JsonProtocol.HEADER_REQUEST_ID);
        assertEquals("x-amzn-ErrorType", JsonProtocol.HEADER_ERROR_TYPE);
        assertEquals("x-amz-crc32", JsonProtocol.HEADER_CRC32);
    }
}
