package io.github.ddbbackup.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArrivalWindowsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static List<Instant> atMillis(long... millis) {
        List<Instant> times = new ArrayList<>();
        for (long m : millis) {
            times.add(T0.plusMillis(m));
        }
        return times;
    }

    @Test
    void noArrivalsIsZero() {
        assertEquals(0, ArrivalWindows.mostInAnyWindow(List.of()));
    }

    @Test
    void arrivalsExactlyOneSecondApartAreInDifferentWindows() {
        // (t - 1 s, t]: the arrival at 0 is outside the window ending at 1000.
        assertEquals(1, ArrivalWindows.mostInAnyWindow(atMillis(0, 1000, 2000)));
    }

    @Test
    void arrivalsJustUnderOneSecondApartShareAWindow() {
        assertEquals(2, ArrivalWindows.mostInAnyWindow(atMillis(0, 999, 1998)));
    }

    @Test
    void fiftyOnePacedAtTwentyMillisecondsFitOneSecondAndFiftyAtTheRateDoNot() {
        long[] fiftyOne = new long[51];
        for (int i = 0; i < 51; i++) {
            fiftyOne[i] = i * 19L;
        }
        assertEquals(51, ArrivalWindows.mostInAnyWindow(atMillis(fiftyOne)));
        long[] paced = new long[200];
        for (int i = 0; i < paced.length; i++) {
            paced[i] = i * 20L;
        }
        assertEquals(50, ArrivalWindows.mostInAnyWindow(atMillis(paced)));
    }

    @Test
    void theBusiestWindowIsFoundWhereverItIsAndInAnyInputOrder() {
        // A burst of 5 in the middle, sparse arrivals around it, given out of order.
        assertEquals(5, ArrivalWindows.mostInAnyWindow(atMillis(5000, 0, 2500, 2100, 2900, 2200, 3150, 2300, 9000)));
    }

    @Test
    void simultaneousArrivalsAllCount() {
        assertEquals(3, ArrivalWindows.mostInAnyWindow(atMillis(700, 700, 700)));
    }
}
