package io.github.ddbbackup.core.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * DynamoDB's timestamps: JSON numbers of seconds since the epoch, with a fraction. Converted through
 * {@link BigDecimal} so that {@code 1795264347.487} and {@code 1.795264347487E9} both give exactly 487 ms; a
 * {@code double} would not.
 */
public final class EpochSeconds {

    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);
    private static final int NANO_DIGITS = 9;
    /** Digits before the point of the largest instant (+1000000000-12-31T23:59:59Z is about 3.2E16 seconds). */
    private static final int MAX_INTEGER_DIGITS = 17;

    private EpochSeconds() {
    }

    /**
     * The instant of a number of epoch seconds; digits past the nanosecond are dropped (rounded toward the past).
     *
     * @throws java.time.DateTimeException when the number is beyond {@link Instant}'s range
     */
    public static Instant toInstant(BigDecimal seconds) {
        // A short JSON number such as 1e9999999 or 1e-9999999 would otherwise cost seconds of BigInteger arithmetic
        // in setScale: settle the out-of-range and the sub-nanosecond exponents before doing any.
        // In long: for 1e2147483647 the scale is -2147483647, and the int difference would wrap to "tiny".
        long integerDigits = (long) seconds.precision() - seconds.scale();
        if (integerDigits > MAX_INTEGER_DIGITS) {
            String shown = seconds.toString();
            throw new DateTimeException("epoch seconds beyond Instant's range: "
                    + (shown.length() > 32 ? shown.substring(0, 32) + "..." : shown));
        }
        if (integerDigits < -NANO_DIGITS) {
            return Instant.ofEpochSecond(0, seconds.signum() < 0 ? -1 : 0);
        }
        BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
        long nanos = seconds.subtract(whole).multiply(NANOS_PER_SECOND).setScale(0, RoundingMode.FLOOR).longValueExact();
        return Instant.ofEpochSecond(whole.longValueExact(), nanos);
    }

    /** The number of epoch seconds of an instant, without trailing zeros in the fraction. */
    public static BigDecimal fromInstant(Instant instant) {
        BigDecimal value = BigDecimal.valueOf(instant.getEpochSecond());
        if (instant.getNano() != 0) {
            value = value.add(BigDecimal.valueOf(instant.getNano(), 9)).stripTrailingZeros();
        }
        return value;
    }
}
