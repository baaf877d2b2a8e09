package io.github.ddbbackup.ratelimit.redis;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import reactor.test.scheduler.VirtualTimeScheduler;

/** A wall clock that reads a virtual-time scheduler: the epoch plus its virtual nanoseconds. */
final class VirtualClock extends Clock {

    private final VirtualTimeScheduler time;

    VirtualClock(VirtualTimeScheduler time) {
        this.time = time;
    }

    @Override
    public Instant instant() {
        return Instant.EPOCH.plusNanos(time.now(TimeUnit.NANOSECONDS));
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
