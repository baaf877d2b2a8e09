package io.github.ddbbackup.benchmarks;

import io.github.ddbbackup.core.error.DynamoDbException;
import io.github.ddbbackup.core.error.ErrorMapper;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Error responses to typed exceptions: the throttling answer a bulk job sees most, and the fallbacks. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ErrorMappingBenchmark {

    private static final String LIMIT_EXCEEDED_TYPE = "com.amazonaws.dynamodb.v20120810#LimitExceededException";
    private static final byte[] LIMIT_EXCEEDED_BODY = ("{\"__type\":\"" + LIMIT_EXCEEDED_TYPE + "\",\"message\":"
            + "\"Subscriber limit exceeded: Only 50 CreateBackup operations are allowed per second.\"}")
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] HTML_BODY = "<html><body><h1>503 Service Unavailable</h1></body></html>"
            .getBytes(StandardCharsets.UTF_8);

    /** With {@code x-amzn-ErrorType}, as DynamoDB sends it. */
    @Benchmark
    public DynamoDbException limitExceededWithHeader() {
        return ErrorMapper.map(400, LIMIT_EXCEEDED_TYPE, "request-id", LIMIT_EXCEEDED_BODY);
    }

    /** The code from the body's {@code __type} only. */
    @Benchmark
    public DynamoDbException limitExceededFromBody() {
        return ErrorMapper.map(400, null, "request-id", LIMIT_EXCEEDED_BODY);
    }

    /** A proxy's HTML page: no code, the status decides. */
    @Benchmark
    public DynamoDbException htmlServiceUnavailable() {
        return ErrorMapper.map(503, null, "request-id", HTML_BODY);
    }
}
