package io.github.ddbbackup.reactor;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * A wall clock that reads a virtual-time scheduler: {@code start} plus its virtual nanoseconds, so that dates signed
 * and look-back bounds computed by the client move only when a test moves virtual time. Published in this module's
 * test-jar.
 */
public final class VirtualClock extends Clock {

    /** The default start: a realistic date, far from the epoch. */
    public static final Instant START = Instant.parse("2026-11-20T12:00:00Z");

    private final LongSupplier nanos;
    private final Instant start;

    public VirtualClock(VirtualTimeScheduler time, Instant start) {
        this(start, () -> time.now(TimeUnit.NANOSECONDS));
    }

    /** {@code start} plus the nanoseconds {@code nanos} reads (a scheduler's time, say). */
    public VirtualClock(Instant start, LongSupplier nanos) {
        this.nanos = nanos;
        this.start = start;
    }

    /** Starting at {@link #START}. */
    public VirtualClock(VirtualTimeScheduler time) {
        this(time, START);
    }

    @Override
    public Instant instant() {
        return start.plusNanos(nanos.getAsLong());
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
