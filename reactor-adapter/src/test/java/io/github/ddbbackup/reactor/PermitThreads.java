package io.github.ddbbackup.reactor;

import io.github.ddbbackup.ratelimit.RateLimitKey;
import io.github.ddbbackup.ratelimit.RateLimiter;
import java.time.Duration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * Where a limiter's permits arrive, for the limiter tests of every module (published in this module's test-jar):
 * on Reactor's parallel threads, never blocking them (BlockHound, installed in those modules' tests, fails any
 * blocking call there).
 */
public final class PermitThreads {

    private PermitThreads() {
    }

    /** Asks for {@code permits} permits from parallel threads and asserts each caller continues on one. */
    public static void assertDeliveredOnParallelThreads(RateLimiter limiter, RateLimitKey key, int permits) {
        StepVerifier.create(Flux.range(0, permits)
                        .flatMap(i -> limiter.acquire(key).subscribeOn(Schedulers.parallel())
                                .then(Mono.fromCallable(() -> Thread.currentThread().getName())))
                        .filter(thread -> thread.startsWith("parallel-"))
                        .count())
                .expectNext((long) permits)
                .expectComplete()
                .verify(Duration.ofSeconds(30));
    }
}
