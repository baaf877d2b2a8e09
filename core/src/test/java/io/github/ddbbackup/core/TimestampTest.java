package io.github.ddbbackup.core;

import io.github.ddbbackup.core.internal.WireCodec;
import io.github.ddbbackup.core.internal.EpochSeconds;
import static io.github.ddbbackup.core.ApiJson.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.ddbbackup.core.error.MalformedResponseException;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Timestamps on the wire: JSON numbers of epoch seconds, in any valid number form, exact to the millisecond. */
class TimestampTest {

    private static final Instant EXPECTED = Instant.ofEpochMilli(1795264347487L);

    private static Instant decodeTimestamp(String number) {
        String body = "{\"BackupSummaries\":[{\"BackupCreationDateTime\":" + number + "}]}";
        return ApiJson.decode(Operation.LIST_BACKUPS, body).backupSummaries().get(0).backupCreationDateTime()
                .orElseThrow();
    }

    private static String encodedTimestamp(Instant instant) {
        ListBackupsRequest request = ListBackupsRequest.builder().timeRangeLowerBound(instant).build();
        return ApiJson.text(WireCodec.shared().encode(request));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "1795264347.487",
            "1.795264347487E9",
            "1.795264347487e9",
            "1.795264347487E+9",
            "17952643474.87E-1",
            "1795264347487E-3",
            "1795264347.4870",
            "1795264347.487000000",
            "1795264347.4870000001"})
    void everyNumberFormDecodesToExactlyTheMillisecond(String number) {
        // 1795264347.487 is not representable as a double; through one, the last digits drift.
        assertEquals(EXPECTED, decodeTimestamp(number));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "1795264347,            1795264347000",
            "1795264347.0,          1795264347000",
            "1.795264347E9,         1795264347000",
            "0,                     0",
            "0.0,                   0",
            "-0,                    0",
            "0.001,                 1",
            "-0.001,                -1",
            "-1.5,                  -1500",
            "-1795264347.487,       -1795264347487",
            "1e-999999999,          0"})
    void wholeZeroAndNegativeSecondsDecodeExactly(String number, long epochMilli) {
        assertEquals(Instant.ofEpochMilli(epochMilli), decodeTimestamp(number));
    }

    @Test
    void digitsPastTheNanosecondRoundTowardThePast() {
        assertEquals(Instant.ofEpochSecond(1, 123456789), decodeTimestamp("1.1234567899"));
        assertEquals(Instant.ofEpochSecond(1795264347, 487_999_999), decodeTimestamp("1795264347.48799999999"));
        assertEquals(Instant.ofEpochSecond(-2, 999999999), decodeTimestamp("-1.0000000001"));
        assertEquals(Instant.ofEpochSecond(0, -1), decodeTimestamp("-1e-999999999"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"9e16", "-9e16", "1e2147483647", "-1e2147483647", "1E+2147483647", "\"1795264347\"",
            "[1795264347]", "{}", "true"})
    void timestampThatIsNoInstantIsMalformed(String value) {
        String body = "{\"BackupSummaries\":[{\"BackupCreationDateTime\":" + value + "}]}";

        assertThrows(MalformedResponseException.class,
                () -> WireCodec.shared().decodeResponse(Operation.LIST_BACKUPS, utf8(body), 200, null));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "1795264347487,  1795264347.487",
            "1795264347000,  1795264347",
            "1795264347500,  1795264347.5",
            "1795264347010,  1795264347.01",
            "0,              0",
            "-1,             -0.001",
            "-1500,          -1.5",
            "1000,           1"})
    void encodesAsPlainEpochSecondsWithoutTrailingZeros(long epochMilli, String expected) {
        assertEquals("{\"TimeRangeLowerBound\":" + expected + "}", encodedTimestamp(Instant.ofEpochMilli(epochMilli)));
    }

    @Test
    void encodesNanosecondsThatAreThere() {
        assertEquals("{\"TimeRangeLowerBound\":1795264347.000000001}",
                encodedTimestamp(Instant.ofEpochSecond(1795264347, 1)));
    }

    @Test
    void encodedTimestampsDecodeToTheSameInstant() {
        for (Instant instant : new Instant[] {EXPECTED, Instant.EPOCH, Instant.ofEpochSecond(-5, 7),
                Instant.ofEpochSecond(1795264347, 999_999_999)}) {
            String json = encodedTimestamp(instant);
            String number = json.substring(json.indexOf(':') + 1, json.length() - 1);
            assertEquals(instant, decodeTimestamp(number), json);
        }
    }

    @Test
    void epochSecondsConvertsBothWays() {
        assertEquals(EXPECTED, EpochSeconds.toInstant(new BigDecimal("1.795264347487E9")));
        assertEquals(new BigDecimal("1795264347.487"), EpochSeconds.fromInstant(EXPECTED));
        assertEquals(new BigDecimal("1795264347"), EpochSeconds.fromInstant(Instant.ofEpochSecond(1795264347)));
    }
}
