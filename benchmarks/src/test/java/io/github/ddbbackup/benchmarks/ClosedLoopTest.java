package io.github.ddbbackup.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ClosedLoopTest {

    private final ScheduledExecutorService completions = Executors.newScheduledThreadPool(4);

    @AfterEach
    void stop() {
        completions.shutdownNow();
    }

    /** Completes each call a moment later on another thread; fails every {@code failEvery}-th call at once. */
    private final class FakeClient implements Contender {
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger mostInFlight = new AtomicInteger();
        final AtomicInteger started = new AtomicInteger();
        final Map<String, Integer> names = new ConcurrentHashMap<>();
        final int failEvery;

        FakeClient(int failEvery) {
            this.failEvery = failEvery;
        }

        @Override
        public String label() {
            return "fake";
        }

        @Override
        public void createBackup(String table, String backupName, Consumer<Throwable> done) {
            int n = started.incrementAndGet();
            names.merge(backupName, 1, Integer::sum);
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            if (failEvery > 0 && n % failEvery == 0) {
                inFlight.decrementAndGet();
                done.accept(new IllegalStateException("refused"));
                return;
            }
            completions.schedule(() -> {
                inFlight.decrementAndGet();
                done.accept(null);
            }, 200, TimeUnit.MICROSECONDS);
        }

        @Override
        public void close() {
        }
    }

    private static Workload workload(int calls) {
        return Workload.over(List.of("a", "b", "c"), calls);
    }

    @Test
    void makesExactlyTheCallsAskedWithAtMostConcurrencyInFlight() throws Exception {
        FakeClient client = new FakeClient(0);
        ClosedLoop.Outcome outcome = ClosedLoop.run(client, workload(500), 500, 8, Duration.ofSeconds(30));
        assertEquals(500, client.started.get());
        assertEquals(500, client.names.size(), "each call has its own backup name");
        assertEquals(8, client.mostInFlight.get());
        assertEquals(0, outcome.failures());
        assertEquals(500, outcome.latencyMicros().getTotalCount());
        assertTrue(outcome.wallNanos() > 0);
    }

    @Test
    void countsFailuresByKindAndKeepsGoing() throws Exception {
        FakeClient client = new FakeClient(10);
        ClosedLoop.Outcome outcome = ClosedLoop.run(client, workload(1000), 1000, 4, Duration.ofSeconds(30));
        assertEquals(1000, client.started.get());
        assertEquals(100, outcome.failures());
        assertEquals(Map.of("IllegalStateException", 100), outcome.failureKinds());
    }

    @Test
    void aRoundThatDoesNotFinishInTimeIsAnError() {
        Contender silent = new Contender() {
            @Override
            public String label() {
                return "silent";
            }

            @Override
            public void createBackup(String table, String backupName, Consumer<Throwable> done) {
                // never completes
            }

            @Override
            public void close() {
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ClosedLoop.run(silent, workload(10), 10, 2, Duration.ofMillis(200)));
        assertTrue(e.getMessage().contains("10 of 10 calls still outstanding"), e.getMessage());
    }
}
