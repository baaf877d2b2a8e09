package io.github.ddbbackup.ratelimit;

import io.github.ddbbackup.core.error.RateLimitQueueFullException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

/** The FIFO line both rate limiters keep their waiting callers in. */
class WaitingLineTest {

    private static final RateLimitKey KEY =
            new RateLimitKey("http://127.0.0.1:8000", "us-east-1", "AKIDEXAMPLE", "CreateBackup");

    @Test
    void grantsInArrivalOrderSkippingCancelledCallers() {
        WaitingLine line = new WaitingLine(KEY, 10, () -> { });
        List<Integer> granted = new ArrayList<>();
        List<Disposable> callers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int id = i;
            callers.add(line.join().subscribe(v -> { }, e -> { }, () -> granted.add(id)));
        }
        callers.get(0).dispose();
        callers.get(2).dispose();
        assertEquals(3, line.size());

        assertTrue(line.grantNext());
        assertTrue(line.grantNext());
        assertTrue(line.hasWaiters());
        assertTrue(line.grantNext());
        assertFalse(line.hasWaiters());
        assertFalse(line.grantNext(), "nobody left: the permit is not used");
        assertEquals(List.of(1, 3, 4), granted);
        assertEquals(0, line.size());
    }

    @Test
    void whatRunsBeforeDeliveryRunsOnlyForAGrantedCallerAndBeforeItHears() {
        WaitingLine line = new WaitingLine(KEY, 10, () -> { });
        AtomicInteger counted = new AtomicInteger();
        List<Integer> seenByCaller = new ArrayList<>();
        line.join().subscribe(v -> { }, e -> { }, () -> seenByCaller.add(counted.get()));
        Disposable cancelled = line.join().subscribe();
        cancelled.dispose();

        assertTrue(line.grantNext(counted::incrementAndGet));
        assertFalse(line.grantNext(counted::incrementAndGet), "the cancelled caller gets nothing, counts nothing");
        assertEquals(1, counted.get());
        assertEquals(List.of(1), seenByCaller, "the count was there when the caller heard of its permit");
    }

    @Test
    void refusesTheCallerBeyondTheBoundAtOnceAndNotifiesTheOwnerOfEachArrival() {
        AtomicInteger arrivals = new AtomicInteger();
        WaitingLine line = new WaitingLine(KEY, 2, arrivals::incrementAndGet);
        line.join().subscribe();
        line.join().subscribe();
        AtomicReference<Throwable> refused = new AtomicReference<>();
        line.join().subscribe(v -> { }, refused::set);

        RateLimitQueueFullException full = assertInstanceOf(RateLimitQueueFullException.class, refused.get());
        assertEquals(2, full.maxWaiters());
        assertEquals(2, arrivals.get(), "the refused caller never joined");
        assertTrue(line.grantNext());
        line.join().subscribe();
        assertEquals(2, line.size(), "a granted caller's place is free again");
    }

    @Test
    void failAllFailsEveryoneWaitingInOrder() {
        WaitingLine line = new WaitingLine(KEY, 10, () -> { });
        List<Integer> failed = new ArrayList<>();
        RuntimeException error = new IllegalStateException("closed");
        for (int i = 0; i < 3; i++) {
            int id = i;
            line.join().subscribe(v -> { }, e -> {
                assertSame(error, e);
                failed.add(id);
            });
        }
        line.failAll(error);
        assertEquals(List.of(0, 1, 2), failed);
        assertFalse(line.grantNext());
        assertEquals(0, line.size());
    }

    @Test
    void grantRacingCancellationOnTwoThreadsGivesOnePermitToOneCallerAndLosesNobody() throws Exception {
        for (int round = 0; round < 2_000; round++) {
            WaitingLine line = new WaitingLine(KEY, 10, () -> { });
            AtomicInteger firstGranted = new AtomicInteger();
            AtomicInteger secondGranted = new AtomicInteger();
            Disposable first = line.join().subscribe(v -> { }, e -> { }, firstGranted::incrementAndGet);
            line.join().subscribe(v -> { }, e -> { }, secondGranted::incrementAndGet);
            CountDownLatch go = new CountDownLatch(1);
            CompletableFuture<Boolean> granting = CompletableFuture.supplyAsync(() -> {
                await(go);
                return line.grantNext();
            });
            CompletableFuture<Void> cancelling = CompletableFuture.runAsync(() -> {
                await(go);
                first.dispose();
            });
            go.countDown();
            assertTrue(granting.get(10, TimeUnit.SECONDS), "round " + round + ": somebody was waiting");
            cancelling.get(10, TimeUnit.SECONDS);

            // Either the grant reached the first caller before its cancellation (Reactor may then drop the signal
            // to a subscriber that is cancelling) and the second still waits, or the cancellation won and the
            // second caller moved up and got the permit. Never both, never neither.
            assertTrue(firstGranted.get() + secondGranted.get() <= 1, "round " + round + ": two grants");
            assertEquals(secondGranted.get() == 1 ? 0 : 1, line.size(), "round " + round);
            assertEquals(line.size() == 1, line.hasWaiters(), "round " + round);
        }
    }

    @Test
    void refusesANonPositiveBound() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new WaitingLine(KEY, 0, () -> { }));
        assertEquals("WaitingLine.maxWaiters: 0 violates at least 1", e.getMessage());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
