package io.github.ddbbackup.ratelimit.redis;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.LongSupplier;

/**
 * A test's UTC clock reading nanoseconds since the epoch from a source: a virtual-time scheduler's time, or the system
 * clock watched by {@link DueTimeScheduler}.
 */
final class NanosClock extends Clock {

    private final LongSupplier epochNanos;

    NanosClock(LongSupplier epochNanos) {
        this.epochNanos = epochNanos;
    }

    @Override
    public Instant instant() {
        return Instant.EPOCH.plusNanos(epochNanos.getAsLong());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a test clock in UTC only");
    }
}
