package io.github.ddbbackup.examples;

import io.github.ddbbackup.ratelimit.redis.RedisRateLimiter;
import io.github.ddbbackup.ratelimit.redis.RedisRateLimiterMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * {@code --metrics FILE}: the client's meters (README, "Metrics") in a registry of the job's, written to FILE as JSON
 * with the report's rhythm and at the end, and summed up per operation in the final summary. Call latencies and
 * permit waits keep their median and 99th percentile over the whole job.
 */
final class JobMeters {

    static final String CALLS = "ddb.backup.calls";
    static final String RETRIES = "ddb.backup.retries";
    static final String PERMIT_WAIT = "ddb.backup.permit.wait";
    static final String LIMIT_EXCEEDED = "LimitExceededException";
    static final double[] PERCENTILES = {0.5, 0.99};

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ReportFile file;
    private final Clock clock;

    /** One meter as written: its name, type, tags and each statistic Micrometer measures (times in seconds). */
    record MeterValue(String name, String type, Map<String, String> tags, Map<String, Double> values) {
    }

    /** The file's content. */
    record Snapshot(Instant takenAt, List<MeterValue> meters) {
    }

    JobMeters(ReportFile file, Clock clock) {
        this.file = file;
        this.clock = clock;
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public @Nullable DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals(CALLS) && !id.getName().equals(PERMIT_WAIT)) {
                    return config;
                }
                // Over the whole job: one window as long as any job.
                return DistributionStatisticConfig.builder().percentiles(PERCENTILES)
                        .expiry(Duration.ofDays(366)).bufferLength(1).build().merge(config);
            }
        });
    }

    SimpleMeterRegistry registry() {
        return registry;
    }

    /** Adds the shared budget's own counters (Redis or fallback permits, failures). */
    void bind(RedisRateLimiter limiter) {
        new RedisRateLimiterMeters(limiter).bindTo(registry);
    }

    Snapshot snapshot() {
        List<MeterValue> meters = registry.getMeters().stream()
                .sorted(Comparator.comparing((Meter meter) -> meter.getId().getName())
                        .thenComparing(meter -> meter.getId().getTags().toString()))
                .map(JobMeters::valueOf)
                .toList();
        return new Snapshot(clock.instant(), meters);
    }

    private static MeterValue valueOf(Meter meter) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (Tag tag : meter.getId().getTagsAsIterable()) {
            tags.put(tag.getKey(), tag.getValue());
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (Measurement measurement : meter.measure()) {
            values.put(measurement.getStatistic().name().toLowerCase(Locale.ROOT), measurement.getValue());
        }
        if (meter instanceof Timer timer) {
            for (ValueAtPercentile p : timer.takeSnapshot().percentileValues()) {
                values.put("p" + Math.round(p.percentile() * 100), p.value(TimeUnit.SECONDS));
            }
        }
        return new MeterValue(meter.getId().getName(), meter.getId().getType().name().toLowerCase(Locale.ROOT),
                tags, values);
    }

    /** Writes the meters as they are now, off the event loops. */
    Mono<Void> write() {
        return Mono.defer(() -> file.writeJson(snapshot()));
    }

    Path path() {
        return file.path();
    }

    /**
     * One line per operation called: calls, retries, LimitExceededException answers (retried or final), the median
     * and 99th percentile latency of its successful calls, and the time its calls waited for permits.
     */
    List<String> summaryLines() {
        TreeSet<String> operations = registry.find(CALLS).timers().stream()
                .map(timer -> timer.getId().getTag("operation")).collect(Collectors.toCollection(TreeSet::new));
        return operations.stream().map(this::summaryLine).toList();
    }

    private String summaryLine(String operation) {
        long calls = registry.find(CALLS).tag("operation", operation).timers().stream().mapToLong(Timer::count).sum();
        double retries = registry.find(RETRIES).tag("operation", operation).counters().stream()
                .mapToDouble(Counter::count).sum();
        Timer limitExceededCalls = registry.find(CALLS).tags("operation", operation, "outcome", LIMIT_EXCEEDED)
                .timer();
        Counter limitExceededRetries = registry.find(RETRIES).tags("operation", operation, "cause", LIMIT_EXCEEDED)
                .counter();
        long limitExceeded = (limitExceededCalls == null ? 0 : limitExceededCalls.count())
                + (limitExceededRetries == null ? 0 : (long) limitExceededRetries.count());
        Timer success = registry.find(CALLS).tags("operation", operation, "outcome", "success").timer();
        Timer waits = registry.find(PERMIT_WAIT).tag("operation", operation).timer();
        return "  " + operation + ": " + Plural.of(calls, "call") + ", " + (long) retries + (retries == 1 ? " retry" : " retries")
                + ", " + limitExceeded + " LimitExceeded, latency " + percentiles(success)
                + ", permit wait " + millis(waits == null ? 0 : waits.totalTime(TimeUnit.MILLISECONDS)) + " total";
    }

    private static String percentiles(@Nullable Timer success) {
        if (success == null || success.count() == 0) {
            return "p50 - p99 -";
        }
        ValueAtPercentile[] values = success.takeSnapshot().percentileValues();
        return "p50 " + millis(values[0].value(TimeUnit.MILLISECONDS)) + " p99 "
                + millis(values[1].value(TimeUnit.MILLISECONDS));
    }

    private static String millis(double millis) {
        return millis >= 1000 ? String.format(Locale.ROOT, "%.1f s", millis / 1000)
                : String.format(Locale.ROOT, "%.1f ms", millis);
    }
}
