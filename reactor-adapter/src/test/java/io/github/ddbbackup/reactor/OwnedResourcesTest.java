package io.github.ddbbackup.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.netty.resources.ConnectionProvider;

/** What a client created is released once, however often the release is asked for. */
class OwnedResourcesTest {

    @Test
    void everyResourceIsReleasedOnceAndTheReleaseCompletesAfterIt() {
        AtomicInteger closed = new AtomicInteger();
        ConnectionProvider pool = ConnectionProvider.create("owned-resources-test", 1);
        OwnedResources owned = new OwnedResources().add(pool).add(closed::incrementAndGet);

        owned.release().block(Duration.ofSeconds(10));
        owned.release().block(Duration.ofSeconds(10));

        assertEquals(1, closed.get(), "the credentials provider closed once");
        assertTrue(pool.isDisposed(), "the pool disposed when the release completes");
    }
}
