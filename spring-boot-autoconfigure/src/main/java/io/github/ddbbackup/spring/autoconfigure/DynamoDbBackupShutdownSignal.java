package io.github.ddbbackup.spring.autoconfigure;

import org.springframework.context.SmartLifecycle;
import reactor.core.Scannable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The application's shutdown as a stop signal for bulk jobs:
 * {@code signal.track(client.backupAll(tables, plan, signal.whenStopping()))}. When the application context begins
 * to stop, {@link #whenStopping()} completes, so the jobs stop taking tables and finish the calls already sent; the
 * context's shutdown then waits for every {@link #track tracked} job to end (at most
 * {@code spring.lifecycle.timeout-per-shutdown-phase}) before it goes on.
 *
 * <p>A {@link SmartLifecycle} in phase {@link #PHASE}: after the application's own lifecycles of the default phase,
 * and before Spring Boot's graceful shutdown of the web server (phase {@code DEFAULT_PHASE - 1024}), so that a job's
 * response stream has ended, its last event written, before the server stops taking and closes connections. Created
 * by {@link DynamoDbBackupLifecycleAutoConfiguration} for every application, unless it defines its own.
 */
public class DynamoDbBackupShutdownSignal implements SmartLifecycle {

    /** Between the default phase and Spring Boot's graceful shutdown of the web server. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

    private final Object lock = new Object();
    private volatile Sinks.Empty<Void> stopping = Sinks.empty();
    private volatile boolean started;
    private int jobs;
    private Runnable whenIdle = () -> { };

    /**
     * Completes when the application begins to stop, at once for a job started after that; never errors. Read at
     * subscription, so that a context stopped and started again signals only the jobs of the run that stopped.
     */
    public Mono<Void> whenStopping() {
        return Mono.defer(() -> stopping.asMono());
    }

    /**
     * {@code job}, counted from its subscription to its end (completion, error or cancellation): the application's
     * shutdown waits for it after signalling {@link #whenStopping()}.
     */
    public <T> Flux<T> track(Flux<T> job) {
        return Flux.defer(() -> {
            synchronized (lock) {
                jobs++;
            }
            return job.doFinally(signal -> ended());
        });
    }

    private void ended() {
        Runnable idle = () -> { };
        synchronized (lock) {
            if (--jobs == 0) {
                idle = whenIdle;
                whenIdle = () -> { };
            }
        }
        idle.run();
    }

    @Override
    public void start() {
        if (!started && stopping.scan(Scannable.Attr.TERMINATED) == Boolean.TRUE) {
            stopping = Sinks.empty();
        }
        started = true;
    }

    @Override
    public void stop() {
        stop(() -> { });
    }

    /** Signals the jobs, and calls {@code callback} once every tracked job has ended. */
    @Override
    public void stop(Runnable callback) {
        started = false;
        boolean idle;
        synchronized (lock) {
            idle = jobs == 0;
            if (!idle) {
                whenIdle = callback;
            }
        }
        stopping.tryEmitEmpty();
        if (idle) {
            callback.run();
        }
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
