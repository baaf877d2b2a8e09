package io.github.ddbbackup.benchmarks;

import io.github.ddbbackup.core.error.ErrorResponseException;
import io.github.ddbbackup.core.internal.ErrorMapper;
import java.nio.charset.StandardCharsets;
import org.openjdk.jmh.annotations.Benchmark;

/** Error responses to typed exceptions: the throttling answer a bulk job sees most, and the fallbacks. */
public class ErrorMappingBenchmark extends MicroBenchmark {

    private static final String LIMIT_EXCEEDED_TYPE = "com.amazonaws.dynamodb.v20120810#LimitExceededException";
    private static final byte[] LIMIT_EXCEEDED_BODY = ("{\"__type\":\"" + LIMIT_EXCEEDED_TYPE + "\",\"message\":"
            + "\"Subscriber limit exceeded: Only 50 CreateBackup operations are allowed per second.\"}")
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] HTML_BODY = "<html><body><h1>503 Service Unavailable</h1></body></html>"
            .getBytes(StandardCharsets.UTF_8);

    /** With {@code x-amzn-ErrorType}, as DynamoDB sends it. */
    @Benchmark
    public ErrorResponseException limitExceededWithHeader() {
        return ErrorMapper.map(400, LIMIT_EXCEEDED_TYPE, "request-id", LIMIT_EXCEEDED_BODY);
    }

    /** The code from the body's {@code __type} only. */
    @Benchmark
    public ErrorResponseException limitExceededFromBody() {
        return ErrorMapper.map(400, null, "request-id", LIMIT_EXCEEDED_BODY);
    }

    /** A proxy's HTML page: no code, the status decides. */
    @Benchmark
    public ErrorResponseException htmlServiceUnavailable() {
        return ErrorMapper.map(503, null, "request-id", HTML_BODY);
    }
}
