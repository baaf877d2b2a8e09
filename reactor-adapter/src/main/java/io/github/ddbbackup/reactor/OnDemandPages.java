package io.github.ddbbackup.reactor;

import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;

/**
 * The items of a paged listing, fetching a page only when the previous page's items have all been delivered and the
 * subscriber still wants more. Reactor's {@code concatMap} cannot express this: it subscribes to the next page as soon
 * as the previous completes, and a call starts at subscription. An empty page with a continuation does not end the
 * listing; only a page without one does.
 *
 * @param <Q> the request of one page
 * @param <P> the response of one page
 * @param <T> an item
 */
final class OnDemandPages<Q, P, T> {

    /** The request for the page after {@code response}, or empty at the end of the listing. */
    @FunctionalInterface
    interface NextPage<Q, P> {
        Optional<Q> after(Q page, P response);
    }

    private final Function<Q, Mono<P>> fetch;
    private final NextPage<Q, P> next;
    private final Function<P, List<T>> itemsOf;
    private final Queue<T> buffer = new ConcurrentLinkedQueue<>();
    private final AtomicInteger wip = new AtomicInteger();
    private final FluxSink<T> sink;
    private volatile @Nullable Q nextRequest;
    private volatile boolean fetching;
    private volatile @Nullable Disposable inFlight;

    private OnDemandPages(Q first, Function<Q, Mono<P>> fetch, NextPage<Q, P> next, Function<P, List<T>> itemsOf,
                          FluxSink<T> sink) {
        this.sink = sink;
        this.nextRequest = first;
        this.fetch = fetch;
        this.next = next;
        this.itemsOf = itemsOf;
    }

    static <Q, P, T> Flux<T> items(Q first, Function<Q, Mono<P>> fetch, NextPage<Q, P> next,
                                   Function<P, List<T>> itemsOf) {
        return Flux.create(sink -> new OnDemandPages<>(first, fetch, next, itemsOf, sink).start());
    }

    private void start() {
        sink.onRequest(n -> drain());
        sink.onDispose(() -> {
            Disposable call = inFlight;
            if (call != null) {
                call.dispose();
            }
        });
    }

    /** Serialized: delivers buffered items on demand, then fetches or completes when the buffer runs dry. */
    private void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        do {
            if (sink.isCancelled()) {
                return;
            }
            while (sink.requestedFromDownstream() > 0 && !buffer.isEmpty()) {
                sink.next(buffer.poll());
            }
            if (!fetching && buffer.isEmpty()) {
                Q request = nextRequest;
                if (request == null) {
                    sink.complete();
                    return;
                }
                if (sink.requestedFromDownstream() > 0) {
                    fetching = true;
                    inFlight = fetch.apply(request).subscribe(response -> onPage(request, response), sink::error);
                }
            }
        } while (wip.decrementAndGet() != 0);
    }

    private void onPage(Q request, P response) {
        buffer.addAll(itemsOf.apply(response));
        nextRequest = next.after(request, response).orElse(null);
        fetching = false;
        drain();
    }
}
