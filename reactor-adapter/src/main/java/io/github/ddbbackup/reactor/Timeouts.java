package io.github.ddbbackup.reactor;

import io.github.ddbbackup.core.InvalidOptionException;
import java.time.Duration;

/**
 * The client's time limits.
 *
 * @param connect    establishing a TCP (and TLS) connection
 * @param perAttempt one HTTP exchange, from sending the request to the last byte of the response
 * @param overall    a whole call from its first permit: every attempt and the delays between them (the wait for
 *                   the first permit is not counted: a call in line behind a low rate limit is slowed, never failed)
 */
public record Timeouts(Duration connect, Duration perAttempt, Duration overall) {

    /** @throws InvalidOptionException when a limit is missing, zero or negative */

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
        if (value == null || value.isNegative() || value.isZero()) {
            throw new InvalidOptionException("Timeouts." + field, value, "> 0");
        }
    }
}
