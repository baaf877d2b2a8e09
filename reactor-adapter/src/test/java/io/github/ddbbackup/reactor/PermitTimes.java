package io.github.ddbbackup.reactor;

import io.github.ddbbackup.ratelimit.RateLimitKey;
import io.github.ddbbackup.ratelimit.RateLimiter;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * Calls that start when their permit is granted, recording the virtual time of each start: what rate limiter tests
 * assert about. Published in this module's test-jar for the Redis-backed limiter's tests.
 */
public final class PermitTimes {

    private final VirtualTimeScheduler time;
    private final List<Integer> order = new ArrayList<>();
    private final Map<Integer, Long> times = new ConcurrentHashMap<>();

    public PermitTimes(VirtualTimeScheduler time) {
        this.time = time;
    }

    /** Asks {@code limiter} for a permit for call {@code id}; the call "starts" when it is granted. */
    public Disposable start(RateLimiter limiter, RateLimitKey key, int id) {
        return limiter.acquire(key)
                .then(Mono.fromRunnable(() -> {
                    synchronized (order) {
                        order.add(id);
                    }
                    times.put(id, time.now(TimeUnit.NANOSECONDS));
                }))
                .subscribe();
    }

    /** The calls started, in the order they started. */
    public List<Integer> idsInOrder() {
        synchronized (order) {
            return List.copyOf(order);
        }
    }

    /** The start times (virtual nanoseconds), in the order the calls started. */
    public List<Long> timesInOrder() {
        return idsInOrder().stream().map(times::get).toList();
    }

    /** The start time of each call started, by id. */
    public Map<Integer, Long> times() {
        return Map.copyOf(times);
    }

    /** The start time of call {@code id}, which must have started. */
    public long timeOf(int id) {
        Long at = times.get(id);
        assertTrue(at != null, "call " + id + " not granted");
        return at;
    }
}
