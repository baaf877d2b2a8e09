package io.github.ddbbackup.core;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * DynamoDB's timestamps: JSON numbers of seconds since the epoch, with a fraction. Converted through
 * {@link BigDecimal} so that {@code 1795264347.487} and {@code 1.795264347487E9} both give exactly 487 ms; a
 * {@code double} would not.
 */
public final class EpochSeconds {

    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

    private EpochSeconds() {
    }

    /** The instant of a number of epoch seconds; digits past the nanosecond are dropped (rounded toward the past). */
    public static Instant toInstant(BigDecimal seconds) {
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
