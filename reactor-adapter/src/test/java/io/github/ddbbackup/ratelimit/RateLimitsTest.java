package io.github.ddbbackup.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bucket4j.Bandwidth;
import io.github.ddbbackup.core.InvalidOptionException;
import io.github.ddbbackup.core.Operation;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RateLimitsTest {

    @ParameterizedTest
    @ValueSource(doubles = {-1.0, 0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e-9})
    void refusesRatesThatAreNotPositiveFiniteOrAreBelowOnePerDay(double rate) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RateLimit.perSecond(rate));
        assertTrue(e.getMessage().contains("RateLimit.permitsPerSecond: " + rate + " violates"), e.getMessage());
    }

    @Test
    void refusesBurstsOutsideOneToTheCeilingOfTheRate() {
        InvalidOptionException zero = assertThrows(InvalidOptionException.class, () -> new RateLimit(50, 0));
        assertTrue(zero.getMessage().contains("RateLimit.burst: 0 violates 1..50"), zero.getMessage());
        assertEquals("RateLimit.burst", zero.option());
        assertEquals("0", zero.value());
        IllegalArgumentException tooBig = assertThrows(IllegalArgumentException.class, () -> new RateLimit(50, 51));
        assertTrue(tooBig.getMessage().contains("RateLimit.burst: 51 violates 1..50"), tooBig.getMessage());
        assertEquals(3, new RateLimit(2.5, 3).burst());
        assertThrows(IllegalArgumentException.class, () -> new RateLimit(2.5, 4));
        assertThrows(IllegalArgumentException.class, () -> new RateLimit(0.5, 2));
    }

    @Test
    void burstIsCarvedOutOfThePerSecondCeiling() {
        assertEquals(50.0, RateLimit.perSecond(50).refillPerSecond());
        assertEquals(41.0, RateLimit.perSecond(50).withBurst(10).refillPerSecond());
        assertEquals(1.0, RateLimit.perSecond(50).withBurst(50).refillPerSecond());
    }

    @Test
    void theDefaultIsDynamoDbsDocumentedLimitsOfTheOperationsTheClientCalls() {
        RateLimits d = RateLimits.DEFAULT;
        assertEquals(Optional.of(new RateLimit(50, 1)), d.forOperation(Operation.CREATE_BACKUP));
        assertEquals(Optional.of(new RateLimit(10, 1)), d.forOperation(Operation.DESCRIBE_BACKUP));
        assertEquals(Optional.of(new RateLimit(10, 1)), d.forOperation(Operation.DELETE_BACKUP));
        assertEquals(Optional.of(new RateLimit(5, 1)), d.forOperation(Operation.LIST_BACKUPS));
        assertEquals(Optional.of(new RateLimit(10, 1)), d.forOperation(Operation.RESTORE_TABLE_FROM_BACKUP));
        assertEquals(Optional.of(new RateLimit(10, 1)), d.forOperation(Operation.DESCRIBE_CONTINUOUS_BACKUPS));
        assertEquals(Optional.of(new RateLimit(10, 1)), d.forOperation(Operation.LIST_TAGS_OF_RESOURCE));
        assertEquals(Optional.of(new RateLimit(5, 1)), d.forOperation(Operation.TAG_RESOURCE));
        assertEquals(Optional.of(new RateLimit(5, 1)), d.forOperation(Operation.UNTAG_RESOURCE));
        // Not documented per second in the API reference: not limited.
        for (Operation<?, ?> undocumented : java.util.List.of(Operation.LIST_TABLES, Operation.DESCRIBE_TABLE,
                Operation.DELETE_TABLE, Operation.DESCRIBE_TIME_TO_LIVE, Operation.UPDATE_TIME_TO_LIVE,
                Operation.UPDATE_CONTINUOUS_BACKUPS)) {
            assertEquals(Optional.empty(), d.forOperation(undocumented), undocumented.name());
        }
        assertEquals(Optional.of(new RateLimit(RateLimits.GET_RESOURCES_PER_SECOND, 1)),
                d.forOperation(Operation.GET_RESOURCES), "undocumented: our choice");
        assertEquals(10, d.limits().size());
        assertEquals(RateLimits.DEFAULT_MAX_WAITERS, d.maxWaiters());
        assertEquals(RateLimits.DEFAULT_JITTER_MARGIN, d.jitterMargin());
        assertEquals(RateLimits.DEFAULT_MAX_JITTER_MARGIN, d.maxJitterMargin());
        assertTrue(RateLimits.NONE.limits().isEmpty());
    }

    @Test
    void withAndWithoutReturnCopiesAndLeaveTheOriginalAlone() {
        RateLimits faster = RateLimits.DEFAULT.with(Operation.CREATE_BACKUP, RateLimit.perSecond(100).withBurst(5));
        RateLimits noCreate = RateLimits.DEFAULT.without(Operation.CREATE_BACKUP);
        assertEquals(Optional.of(new RateLimit(100, 5)), faster.forOperation(Operation.CREATE_BACKUP));
        assertEquals(Optional.empty(), noCreate.forOperation(Operation.CREATE_BACKUP));
        assertEquals(Optional.of(new RateLimit(50, 1)), RateLimits.DEFAULT.forOperation(Operation.CREATE_BACKUP));
        assertEquals(RateLimits.DEFAULT, noCreate.with(Operation.CREATE_BACKUP, RateLimit.perSecond(50)));
        assertThrows(UnsupportedOperationException.class, () -> faster.limits().put("X", RateLimit.perSecond(1)));
        assertThrows(NullPointerException.class, () -> RateLimits.NONE.with(null, RateLimit.perSecond(1)));
    }

    @Test
    void aLimiterFindsTheLimitOfAKeyByItsOperationName() {
        RateLimitKey createBackup = new RateLimitKey("https://dynamodb.eu-west-1.amazonaws.com", "eu-west-1",
                "AKIAIOSFODNN7EXAMPLE", Operation.CREATE_BACKUP.name());
        assertEquals(Optional.of(new RateLimit(50, 1)), RateLimits.DEFAULT.forKey(createBackup));
        assertEquals(Optional.empty(), RateLimits.DEFAULT.forKey(new RateLimitKey(createBackup.endpoint(),
                createBackup.region(), createBackup.accessKeyId(), Operation.LIST_TABLES.name())));
    }

    @Test
    void withEachReplacesEveryLimitAndKeepsTheRest() {
        RateLimits halved = RateLimits.DEFAULT.withMaxWaiters(7)
                .withEach(limit -> RateLimit.perSecond(limit.permitsPerSecond() / 2));
        assertEquals(Optional.of(RateLimit.perSecond(25)), halved.forOperation(Operation.CREATE_BACKUP));
        assertEquals(Optional.of(RateLimit.perSecond(2.5)), halved.forOperation(Operation.LIST_BACKUPS));
        assertEquals(RateLimits.DEFAULT.limits().keySet(), halved.limits().keySet());
        assertEquals(7, halved.maxWaiters());
        assertEquals(RateLimits.DEFAULT.jitterMargin(), halved.jitterMargin());
    }

    @Test
    void refusesBadWaiterBoundsAndJitterMargins() {
        IllegalArgumentException waiters = assertThrows(IllegalArgumentException.class,
                () -> RateLimits.NONE.withMaxWaiters(0));
        assertTrue(waiters.getMessage().contains("RateLimits.maxWaiters: 0 violates at least 1"), waiters.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> RateLimits.NONE.withJitterMargin(Duration.ofMillis(-1)));
        assertTrue(negative.getMessage().contains("RateLimits.jitterMargin: PT-0.001S violates"), negative.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RateLimits.NONE.withJitterMargin(Duration.ofSeconds(2)));
        assertThrows(IllegalArgumentException.class, () -> RateLimits.NONE.withJitterMargin(null));
        assertEquals(7, RateLimits.NONE.withMaxWaiters(7).maxWaiters());
        assertEquals(Duration.ZERO, RateLimits.NONE.withJitterMargin(Duration.ZERO).jitterMargin());
        assertEquals(RateLimits.DEFAULT_MAX_JITTER_MARGIN, RateLimits.NONE.withJitterMargin(Duration.ZERO)
                .maxJitterMargin(), "a lower floor leaves the most as it was");
        assertEquals(Duration.ofMillis(400), RateLimits.NONE.withJitterMargins(Duration.ZERO, Duration.ofMillis(300))
                .withJitterMargin(Duration.ofMillis(400)).maxJitterMargin(), "a floor above the most raises the most");
        IllegalArgumentException inverted = assertThrows(IllegalArgumentException.class,
                () -> RateLimits.NONE.withJitterMargins(Duration.ofMillis(20), Duration.ofMillis(10)));
        assertTrue(inverted.getMessage().contains("RateLimits.maxJitterMargin: PT0.01S violates at least the jitter"
                + " margin PT0.02S"), inverted.getMessage());
        RateLimits fixed = RateLimits.NONE.withJitterMargins(Duration.ZERO, Duration.ZERO);
        assertEquals(Duration.ZERO, fixed.maxJitterMargin());
        assertFalse(fixed.equals(RateLimits.NONE.withJitterMargin(Duration.ZERO)), "the most is part of equality");
    }

    @Test
    void bucketShapeChargesEachCallItsShareOfTheStretchedWindowNeverLess() {
        Bandwidth shape = only(RateLimit.perSecond(50), Duration.ZERO);
        assertEquals(1_000_000_000L, shape.getRefillTokens(), "one unit per nanosecond");
        assertEquals(1_000_000_000L, shape.getRefillPeriodNanos());
        assertEquals(20_000_000L, shape.getCapacity(), "one call at the configured margin");
        assertEquals(20_000_000L, BucketShape.cost(RateLimit.perSecond(50), 0));
        assertEquals(20_200_000L, BucketShape.cost(RateLimit.perSecond(50), Duration.ofMillis(10).toNanos()));
        assertEquals(20_100_000L, only(RateLimit.perSecond(50), Duration.ofMillis(5)).getCapacity());

        Bandwidth burst = only(RateLimit.perSecond(50).withBurst(10), Duration.ZERO);
        // 1 s / 41 = 24,390,243.9 ns, rounded up so that the bucket never runs faster than the limit.
        assertEquals(24_390_244L, BucketShape.cost(RateLimit.perSecond(50).withBurst(10), 0));
        assertEquals(10 * 24_390_244L, burst.getCapacity());
        assertEquals(10 * 24_390_244L, burst.getInitialTokens());
    }

    @Test
    void keyToStringShowsAHashOfTheAccessKeyNotTheKey() {
        RateLimitKey key = new RateLimitKey("https://dynamodb.eu-west-1.amazonaws.com", "eu-west-1",
                "AKIAIOSFODNN7EXAMPLE", "CreateBackup");
        String shown = key.toString();
        assertFalse(shown.contains("AKIAIOSFODNN7EXAMPLE"), shown);
        assertTrue(shown.contains("accessKey=#" + key.accessKeyHash()), shown);
        assertEquals(8, key.accessKeyHash().length());
        assertFalse(key.accessKeyHash().equals(
                new RateLimitKey(key.endpoint(), key.region(), "AKIAOTHERKEY", key.operation()).accessKeyHash()));
        assertEquals(Map.of(key, 1), Map.of(new RateLimitKey(key.endpoint(), key.region(), key.accessKeyId(),
                key.operation()), 1));
    }

    private static Bandwidth only(RateLimit limit, Duration leastMargin) {
        Bandwidth[] bandwidths = BucketShape.configuration(limit, leastMargin).getBandwidths();
        assertEquals(1, bandwidths.length);
        return bandwidths[0];
    }
}
