package io.github.ddbbackup.reactor;

import java.time.Duration;
import java.util.Objects;

/**
 * The client's time limits.
 *
 * @param connect    establishing a TCP (and TLS) connection
 * @param perAttempt one HTTP exchange, from sending the request to the last byte of the response
 * @param overall    a whole call from its first permit: every attempt and the delays between them (the wait for
 *                   the first permit is not counted: a call in line behind a low rate limit is slowed, never failed)
 */
public record Timeouts(Duration connect, Duration perAttempt, Duration overall) {

    /** Connect 5 s, per attempt 10 s, overall 60 s. */
    public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(60));

    /** @throws IllegalArgumentException when a limit is missing, zero or negative (the message names it) */
    public Timeouts {
        positive("connect", connect);
        positive("perAttempt", perAttempt);
        positive("overall", overall);
    }

    /** These limits with another connect timeout. */
    public Timeouts withConnect(Duration connect) {
        return new Timeouts(connect, perAttempt, overall);
    }

    /** These limits with another per-attempt timeout. */
    public Timeouts withPerAttempt(Duration perAttempt) {
        return new Timeouts(connect, perAttempt, overall);
    }

    /** These limits with another overall timeout. */
    public Timeouts withOverall(Duration overall) {
        return new Timeouts(connect, perAttempt, overall);
    }

    private static void positive(String field, Duration value) {
        Objects.requireNonNull(value, "Timeouts." + field);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("Timeouts." + field + ": " + value + " violates > 0");
        }
    }
}
