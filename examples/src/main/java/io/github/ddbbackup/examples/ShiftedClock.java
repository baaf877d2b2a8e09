package io.github.ddbbackup.examples;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The system clock, set back by an adjustable amount: lets the emulator date seeded backups in the past. The shift
 * is put back to zero before any request is served (signatures are checked against this clock).
 */
final class ShiftedClock extends Clock {

    private final AtomicReference<Duration> back = new AtomicReference<>(Duration.ZERO);

    /** From now on the clock reads {@code amount} earlier than the system clock. */
    void setBack(Duration amount) {
        back.set(amount);
    }

    @Override
    public Instant instant() {
        return Instant.now().minus(back.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("ShiftedClock is UTC only");
    }
}
