package io.github.ddbbackup.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Lock;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import software.amazon.awssdk.utils.cache.FifoCache;

/**
 * The AWS SDK signer's signing-key cache takes a read-write lock; a thread that finds it held parks for a moment. Core's
 * {@code SdkSignerBlockHoundIntegration} allows exactly that on non-blocking threads (seen when event loops signed at
 * once); without it, the test extension would fail this test, and the read would fail with BlockHound's error.
 */
class SignerLocksTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aParallelThreadWaitingForTheSigningKeyCacheLockIsAllowed() throws Exception {
        FifoCache<String> cache = new FifoCache<>(10);
        cache.add("key", "signing-key");
        Field writeLockField = FifoCache.class.getDeclaredField("wlock");
        writeLockField.setAccessible(true);
        Lock writeLock = (Lock) writeLockField.get(cache);
        AtomicReference<Thread> reader = new AtomicReference<>();

        CompletableFuture<String> read;
        writeLock.lock();
        try {
            read = Mono.fromCallable(() -> {
                reader.set(Thread.currentThread());
                return cache.get("key");
            }).subscribeOn(Schedulers.parallel()).toFuture();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (reader.get() == null || reader.get().getState() != Thread.State.WAITING) {
                assertTrue(System.nanoTime() < deadline, "the parallel thread never waited for the lock");
                Thread.onSpinWait();
            }
        } finally {
            writeLock.unlock();
        }

        assertEquals("signing-key", read.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertTrue(reader.get().getName().startsWith("parallel-"), reader.get().getName());
    }
}
