package io.github.ddbbackup.reactor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.resources.ConnectionProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * What a client created itself and so must release, and nothing it was given: the owned-resources rule. Released
 * once, all together; every later request for the release gets the same outcome.
 */
final class OwnedResources {

    private final List<Supplier<Mono<Void>>> releases = new ArrayList<>();
    private final Mono<Void> released = Mono.defer(() -> Mono.when(releases.stream().map(Supplier::get).toList()))
            .cache();

    /** A connection pool the client created: closed with its connections, without blocking. */
    OwnedResources add(ConnectionProvider pool) {
        releases.add(pool::disposeLater);
        return this;
    }

    /**
     * A credentials provider the client created. The AWS SDK's close may wait for a refresh thread to stop, so it
     * runs on a thread that may block.
     */
    OwnedResources add(SdkAutoCloseable provider) {
        releases.add(() -> Mono.<Void>fromRunnable(provider::close).subscribeOn(Schedulers.boundedElastic()));
        return this;
    }

    /** Releases everything added, once; completes when all of it is released. */
    Mono<Void> release() {
        return released;
    }
}
