package io.github.ddbbackup.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The margin learned from reported lags and timer lateness: pure arithmetic on the samples, no clock involved. */
class LearnedMarginTest {

    private static final long MILLI = 1_000_000L;

    private final LearnedMargin margin = LearnedMargin.of(RateLimits.DEFAULT);

    @Test
    void withNothingMeasuredTheMarginIsTheConfiguredOne() {
        assertEquals(Duration.ofMillis(5), margin.margin());
        assertEquals(Duration.ZERO, LearnedMargin.of(RateLimits.DEFAULT.withJitterMargin(Duration.ZERO)).margin());
    }

    @Test
    void aLagEveryCallPaysAlikeCostsNothingOnlyItsSpreadCounts() {
        IntStream.range(0, 10).forEach(i -> margin.wireLag(40 * MILLI));
        assertEquals(Duration.ofMillis(5), margin.margin(), "all 40 ms late: no two calls come closer");
        margin.wireLag(52 * MILLI);
        margin.wireLag(37 * MILLI);
        assertEquals(Duration.ofMillis(5 + 15), margin.margin(), "5 ms plus the spread, 52 - 37 ms");
    }

    @Test
    void theLongestTimerLatenessAddsToTheLagSpread() {
        margin.wireLag(MILLI);
        margin.wireLag(11 * MILLI);
        margin.timerLateness(4 * MILLI);
        assertEquals(Duration.ofMillis(5 + 10 + 4), margin.margin());
        margin.timerLateness(25 * MILLI);
        margin.timerLateness(2 * MILLI);
        assertEquals(Duration.ofMillis(5 + 10 + 25), margin.margin(), "a timer 25 ms late");
        margin.timerLateness(-3 * MILLI);
        assertEquals(Duration.ofMillis(5 + 10 + 25), margin.margin(), "early counts as on time");
    }

    @Test
    void growsOnTheFirstSlowLagAndShrinksOnceTheRecentOnesAreQuickAgain() {
        IntStream.range(0, 20).forEach(i -> margin.wireLag(MILLI));
        margin.wireLag(81 * MILLI);
        assertEquals(Duration.ofMillis(85), margin.margin());
        IntStream.range(0, LearnedMargin.SAMPLES - 1).forEach(i -> margin.wireLag(MILLI));
        assertEquals(Duration.ofMillis(85), margin.margin(), "the slow lag is one of the last " + LearnedMargin.SAMPLES);
        margin.wireLag(MILLI);
        assertEquals(Duration.ofMillis(5), margin.margin(), "replaced");
    }

    @Test
    void neverMoreThanTheMostAndFixedWhenLeastAndMostAreEqual() {
        margin.wireLag(0);
        margin.wireLag(900 * MILLI);
        assertEquals(RateLimits.DEFAULT_MAX_JITTER_MARGIN, margin.margin());

        LearnedMargin fixed = LearnedMargin.of(RateLimits.DEFAULT.withJitterMargins(Duration.ofMillis(25),
                Duration.ofMillis(25)));
        fixed.wireLag(0);
        fixed.wireLag(900 * MILLI);
        assertEquals(Duration.ofMillis(25), fixed.margin());
    }
}
