package io.github.ddbbackup.reactor;

import io.github.ddbbackup.ratelimit.RateLimits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/** The client's own token bucket pacing CreateBackup calls, measured on virtual time at the transport. */
class RateLimitedClientTest {

    @Test
    void thousandCreateBackupsTakeTwentyVirtualSecondsAndNeverFiftyOneInASecond() {
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        List<Long> sentAt = new CopyOnWriteArrayList<>();
        DynamoDbBackupClient client = client(time, recording(time, TimeUnit.MILLISECONDS, sentAt),
                RateLimits.DEFAULT.withJitterMargin(Duration.ZERO),
                Timeouts.DEFAULT.withOverall(Duration.ofMinutes(5)));

        StepVerifier.withVirtualTime(() -> Flux.range(0, 1000)
                                .flatMap(i -> client.createBackup("orders", "orders-" + i), 1000),
                        () -> time, Long.MAX_VALUE)
                .thenAwait(Duration.ofSeconds(25))
                .expectNextCount(1000)
                .verifyComplete();

        assertEquals(1000, sentAt.size());
        long last = sentAt.stream().mapToLong(Long::longValue).max().orElseThrow();
        assertTrue(last >= 19_960 && last <= 20_000, "the 1000th call started at " + last + " ms");
        assertEquals(50, busiestSecond(sentAt, TimeUnit.MILLISECONDS), "most calls started in any 1-second window");
    }

    @Test
    void backupAllAtTheDefaultLimitWritesAtMostFiftyCreateBackupsInAnySecond() {
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        List<Long> writtenAt = new CopyOnWriteArrayList<>();
        DynamoDbBackupClient client = client(time, recording(time, TimeUnit.NANOSECONDS, writtenAt),
                RateLimits.DEFAULT, Timeouts.DEFAULT);

        StepVerifier.withVirtualTime(() -> client.backupAll(Flux.range(0, 300).map(i -> "table-" + i),
                        BackupPlan.DEFAULT), () -> time, Long.MAX_VALUE)
                .thenAwait(Duration.ofSeconds(10))
                .expectNextCount(300)
                .verifyComplete();

        assertEquals(300, writtenAt.size());
        assertTrue(busiestSecond(writtenAt, TimeUnit.NANOSECONDS) <= 50, "at most 50 written in any second");
        // The default jitter margin stretches the 1-second window to 1.025 s: one request every 20.5 ms, exactly.
        List<Long> sorted = writtenAt.stream().sorted().toList();
        for (int i = 0; i < sorted.size(); i++) {
            assertEquals(i * 20_500_000L, sorted.get(i), "request " + i + " written at its slot");
        }
        assertEquals(49, busiestSecond(writtenAt, TimeUnit.NANOSECONDS));
    }

    /** A transport that answers every CreateBackup at once, adding the virtual time of each request to {@code into}. */
    static Exchange recording(VirtualTimeScheduler time, TimeUnit unit, List<Long> into) {
        return (headers, body, attempt) -> Mono.fromSupplier(() -> {
            into.add(time.now(unit));
            attempt.written();
            return new RawResponse(200, "rid", null, ScriptedClientTest.CREATED.getBytes());
        });
    }

    /** The most times that fall within one second, [t, t + 1 s), for any t. */
    static int busiestSecond(List<Long> times, TimeUnit unit) {
        List<Long> sorted = times.stream().sorted().toList();
        long second = unit.convert(1, TimeUnit.SECONDS);
        int busiest = 0;
        for (int i = 0, j = 0; i < sorted.size(); i++) {
            while (sorted.get(i) - sorted.get(j) >= second) {
                j++;
            }
            busiest = Math.max(busiest, i - j + 1);
        }
        return busiest;
    }

    static DynamoDbBackupClient client(VirtualTimeScheduler time, Exchange exchange, RateLimits limits,
                                       Timeouts timeouts) {
        return ScriptedClients.builder(exchange).scheduler(time).rateLimits(limits).timeouts(timeouts).build();
    }
}
