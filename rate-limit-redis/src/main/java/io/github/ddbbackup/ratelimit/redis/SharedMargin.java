package io.github.ddbbackup.ratelimit.redis;

import io.github.ddbbackup.ratelimit.LearnedMargin;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.scheduler.Scheduler;

/**
 * The margin every instance sharing a Redis budget pays: the largest of the margins the instances have learned
 * (each its own {@link LearnedMargin}). Calls of several processes interleave in one budget, so what must be covered
 * is the spread of the lags of all of them: a call of a slow process followed, {@code C} permits later, by one of a
 * quick process. Each instance publishes its own margin in one Redis hash every {@link #PUBLISH_INTERVAL} while it
 * takes permits, each entry valid for {@link #VALID_FOR}, and learns the largest one in the same round trip; an
 * instance that stopped no longer counts once its entry has expired. A publication that fails is not retried:
 * the next permit's publication is the retry, and the reservations report Redis's failures.
 */
final class SharedMargin {

    /** How often an instance taking permits publishes its margin and reads the others'. */
    static final Duration PUBLISH_INTERVAL = Duration.ofMillis(250);
    /** How long a published margin counts. */
    static final Duration VALID_FOR = Duration.ofSeconds(5);

    private final LearnedMargin own;
    private final RedisBuckets buckets;
    private final Scheduler scheduler;
    private final String hashKey;
    private final String instance = UUID.randomUUID().toString();
    private final AtomicLong publishedMost = new AtomicLong();
    private final AtomicLong nextPublication = new AtomicLong(Long.MIN_VALUE);

    SharedMargin(LearnedMargin own, RedisBuckets buckets, Scheduler scheduler, String keyPrefix) {
        this.own = own;
        this.buckets = buckets;
        this.scheduler = scheduler;
        this.hashKey = keyPrefix + "margins";
    }

    /** The margin to pay now, in nanoseconds: this instance's, or a larger one published by another. */
    long nanos() {
        long mine = own.nanos();
        publishIfDue(mine);
        return Math.max(mine, publishedMost.get());
    }

    /** This instance's name in the hash (a random UUID, drawn when the limiter is built). */
    String instance() {
        return instance;
    }

    /** The Redis hash the margins are published in. */
    String hashKey() {
        return hashKey;
    }

    private void publishIfDue(long mine) {
        long now = scheduler.now(TimeUnit.NANOSECONDS);
        long due = nextPublication.get();
        if (now < due || !buckets.isAvailable()
                || !nextPublication.compareAndSet(due, now + PUBLISH_INTERVAL.toNanos())) {
            return;
        }
        buckets.publishMargin(hashKey, instance, mine, VALID_FOR).subscribe(publishedMost::set, error -> { });
    }
}
