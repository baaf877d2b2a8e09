package io.github.ddbbackup.reactor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * The client's meters in a Micrometer {@link MeterRegistry} (README, "Metrics"): only loaded when the builder is given
 * one. Tags are low-cardinality only: operation, outcome or cause (error code or failure kind), status; never a table
 * name or an ARN. Meters are looked up once per operation and outcome, then kept.
 */
final class MicrometerClientEvents implements ClientEvents {

    static final String CALLS = "ddb.backup.calls";
    static final String ATTEMPTS = "ddb.backup.call.attempts";
    static final String RETRIES = "ddb.backup.retries";
    static final String PERMIT_WAIT = "ddb.backup.permit.wait";
    static final String PERMITS_WAITING = "ddb.backup.permits.waiting";
    static final String PERMITS_REFUSED = "ddb.backup.permits.refused";
    static final String AMBIGUOUS = "ddb.backup.ambiguous.resolutions";
    static final String BULK_TABLES = "ddb.backup.bulk.tables";
    static final String BULK_IN_FLIGHT = "ddb.backup.bulk.in.flight";

    private final MeterRegistry registry;
    private final LongSupplier nanoTime;
    private final Map<String, OperationMeters> operations = new ConcurrentHashMap<>();
    /** By {@link AmbiguityResult#ordinal()}. */
    private final Counter[] ambiguity = new Counter[AmbiguityResult.values().length];
    /** By {@link BackupOutcome.Status#ordinal()}. */
    private final Counter[] bulkTables = new Counter[BackupOutcome.Status.values().length];
    private final AtomicInteger bulkInFlight = new AtomicInteger();

    /** {@code nanoTime}: the clock that times calls and permit waits (the client's scheduler in tests). */
    MicrometerClientEvents(MeterRegistry registry, LongSupplier nanoTime) {
        this.registry = registry;
        this.nanoTime = nanoTime;
        // Registered up front, at zero, so that dashboards and alerts see them before the first event.
        for (AmbiguityResult result : AmbiguityResult.values()) {
            ambiguity[result.ordinal()] = Counter.builder(AMBIGUOUS)
                    .tag("result", result.name().toLowerCase(Locale.ROOT))
                    .description("Ambiguous CreateBackup calls by how they were resolved").register(registry);
        }
        for (BackupOutcome.Status status : BackupOutcome.Status.values()) {
            bulkTables[status.ordinal()] = Counter.builder(BULK_TABLES).tag("status", status.name())
                    .description("Tables of backupAll jobs by final status").register(registry);
        }
        Gauge.builder(BULK_IN_FLIGHT, bulkInFlight, AtomicInteger::get).strongReference(true)
                .description("Tables of backupAll jobs being backed up now").register(registry);
    }

    @Override
    public CallEvents callStarted(String operation, ContextView context) {
        return new Call(meters(operation), nanoTime.getAsLong());
    }

    @Override
    public void permitAsked(String operation) {
        meters(operation).waiting.incrementAndGet();
    }

    @Override
    public void permitGranted(String operation, long waitedNanos) {
        OperationMeters meters = meters(operation);
        meters.waiting.decrementAndGet();
        meters.permitWait.record(waitedNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void permitRefused(String operation, Throwable error) {
        OperationMeters meters = meters(operation);
        meters.waiting.decrementAndGet();
        meters.refused.computeIfAbsent(ClientEvents.kindOf(error), reason -> Counter.builder(PERMITS_REFUSED)
                .tags("operation", operation, "reason", reason)
                .description("Permits the rate limiter refused (queue full, shared budget unreachable)")
                .register(registry)).increment();
    }

    @Override
    public void permitAbandoned(String operation) {
        meters(operation).waiting.decrementAndGet();
    }

    @Override
    public void ambiguity(AmbiguityResult result) {
        ambiguity[result.ordinal()].increment();
    }

    @Override
    public void bulkInFlight(int delta) {
        bulkInFlight.addAndGet(delta);
    }

    @Override
    public void bulkTableFinished(BackupOutcome.Status status) {
        bulkTables[status.ordinal()].increment();
    }

    private OperationMeters meters(String operation) {
        return operations.computeIfAbsent(operation, OperationMeters::new);
    }

    /** The meters of one operation, and the outcome-tagged ones as they are first needed. */
    private final class OperationMeters {
        final String operation;
        final DistributionSummary attempts;
        final Timer permitWait;
        final AtomicInteger waiting = new AtomicInteger();
        final Map<String, Timer> calls = new ConcurrentHashMap<>();
        final Map<String, Counter> retries = new ConcurrentHashMap<>();
        final Map<String, Counter> refused = new ConcurrentHashMap<>();

        OperationMeters(String operation) {
            this.operation = operation;
            this.attempts = DistributionSummary.builder(ATTEMPTS).tag("operation", operation)
                    .description("Attempts per call (1 when not retried)").register(registry);
            this.permitWait = Timer.builder(PERMIT_WAIT).tag("operation", operation)
                    .description("Time each permit was waited for; its count is the permits granted")
                    .register(registry);
            Gauge.builder(PERMITS_WAITING, waiting, AtomicInteger::get).tag("operation", operation)
                    .strongReference(true).description("Callers waiting for a permit now").register(registry);
        }

        Timer call(String outcome) {
            return calls.computeIfAbsent(outcome, o -> Timer.builder(CALLS).tags("operation", operation, "outcome", o)
                    .description("Calls by outcome (success, DynamoDB's error code, or the client-side failure)")
                    .register(registry));
        }

        Counter retry(String cause) {
            return retries.computeIfAbsent(cause, c -> Counter.builder(RETRIES).tags("operation", operation, "cause", c)
                    .description("Attempts sent again, by what the attempt before failed with").register(registry));
        }
    }

    /** One call: its attempts, and its latency and outcome when it ends. Attempts follow each other, never overlap. */
    private final class Call implements CallEvents {
        private final OperationMeters meters;
        private final long startedAt;
        private int attempts;
        private @Nullable Throwable lastFailure;
        private boolean ended;

        Call(OperationMeters meters, long startedAt) {
            this.meters = meters;
            this.startedAt = startedAt;
        }

        @Override
        public <T> Mono<T> around(Mono<T> call) {
            return call.doOnSuccess(value -> end(SUCCESS))
                    .doOnError(error -> end(ClientEvents.kindOf(error)))
                    .doOnCancel(() -> end(CANCELLED));
        }

        @Override
        public void attemptStarted() {
            Throwable cause = lastFailure;
            if (attempts++ > 0 && cause != null) {
                meters.retry(ClientEvents.kindOf(cause)).increment();
            }
            lastFailure = null;
        }

        @Override
        public <T> Mono<T> attempts(Mono<T> attempts) {
            return attempts.doOnError(error -> lastFailure = error);
        }

        private synchronized void end(String outcome) {
            if (ended) {
                return;
            }
            ended = true;
            meters.call(outcome).record(nanoTime.getAsLong() - startedAt, TimeUnit.NANOSECONDS);
            if (attempts > 0) {
                meters.attempts.record(attempts);
            }
        }
    }
}
