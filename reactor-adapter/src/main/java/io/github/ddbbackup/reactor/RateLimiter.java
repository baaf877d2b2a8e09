package io.github.ddbbackup.reactor;

import reactor.core.publisher.Mono;

public interface RateLimiter {
    Mono<Void> acquire(RateLimitKey key);

    RateLimiter UNLIMITED = key -> Mono.empty();
}
