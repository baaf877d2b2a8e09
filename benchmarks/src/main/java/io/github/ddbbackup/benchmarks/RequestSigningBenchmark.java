package io.github.ddbbackup.benchmarks;

import io.github.ddbbackup.core.CreateBackupRequest;
import io.github.ddbbackup.core.Operation;
import io.github.ddbbackup.core.internal.WireCodec;
import io.github.ddbbackup.reactor.internal.RequestSigner;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * A request as the client prepares it for the wire: the JSON body, then the SigV4 headers over it, with the client's
 * own codec and signer (reached through their internal packages).
 */
public class RequestSigningBenchmark extends MicroBenchmark {

    private final WireCodec codec = WireCodec.shared();
    private final RequestSigner signer = new RequestSigner(URI.create("https://dynamodb.us-east-1.amazonaws.com"),
            "us-east-1", Clock.systemUTC());
    private final AwsCredentialsIdentity credentials = AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    private final CreateBackupRequest request = new CreateBackupRequest("orders", "orders-20261121T120000Z");
    private final byte[] body = codec.encode(request);

    @Benchmark
    public Map<String, List<String>> encodeAndSign() {
        byte[] encoded = codec.encode(request);
        return signer.sign(Operation.CREATE_BACKUP.target(), encoded, credentials);
    }

    @Benchmark
    public Map<String, List<String>> signOnly() {
        return signer.sign(Operation.CREATE_BACKUP.target(), body, credentials);
    }
}
