package io.github.ddbbackup.reactor.internal;

import io.github.ddbbackup.core.internal.JsonProtocol;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * SigV4 with the AWS SDK's signer, over exactly the request that will be sent: the Host (with a non-default port),
 * Content-Type, X-Amz-Target, X-Amz-Date and the body's hash. The signer adds X-Amz-Date, X-Amz-Security-Token (for
 * session credentials) and Authorization; the transport sends every header of the result as it is.
 *
 * <p>Internal: the client's signing step, public so that this project's benchmarks can measure it alone. Thread-safe.
 */
public final class RequestSigner {

    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final URI endpoint;
    private final String host;
    private final String region;
    private final Clock clock;
    private final String signingName;
    private final String contentType;
    /** By X-Amz-Target; a handful of operations. */
    private final Map<String, SdkHttpRequest> unsigned = new ConcurrentHashMap<>();

    /**
     * @param endpoint where the requests go; only its scheme, host and port are signed (the path is always {@code /})
     * @param region   the signing region, e.g. {@code eu-west-1}
     * @param clock    the time each signature is dated with
     */
    public RequestSigner(URI endpoint, String region, Clock clock) {
        this(endpoint, region, clock, JsonProtocol.SIGNING_NAME, JsonProtocol.CONTENT_TYPE);
    }

    /**
     * For another service of the same JSON protocol family: the Resource Groups Tagging API is signed for
     * {@link JsonProtocol#TAGGING_SIGNING_NAME} and sent as {@link JsonProtocol#TAGGING_CONTENT_TYPE}.
     */
    public RequestSigner(URI endpoint, String region, Clock clock, String signingName, String contentType) {
        this.endpoint = endpoint.resolve("/");
        this.host = hostHeader(endpoint);
        this.region = region;
        this.clock = clock;
        this.signingName = signingName;
        this.contentType = contentType;
    }

    /**
     * The headers to send, signature included.
     *
     * @param target      the {@code X-Amz-Target} of the operation, e.g. {@code DynamoDB_20120810.CreateBackup}
     * @param body        the exact body that will be sent (not copied: it must not change afterwards)
     * @param credentials the credentials to sign with
     */
    public Map<String, List<String>> sign(String target, byte[] body, AwsCredentialsIdentity credentials) {
        return signer.sign(r -> r
                        .identity(credentials)
                        .request(unsigned.computeIfAbsent(target, this::unsignedRequest))
                        .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, signingName)
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(HttpSigner.SIGNING_CLOCK, clock))
                .request()
                .headers();
    }

    /**
     * The request before signing: the same for every call of an operation, so built once per operation (the signer
     * copies it before adding its headers). Saves parsing the endpoint and copying the header maps on every call.
     */
    private SdkHttpRequest unsignedRequest(String target) {
        return SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint)
                .putHeader("Host", host)
                .putHeader("Content-Type", contentType)
                .putHeader(JsonProtocol.HEADER_TARGET, target)
                .build();
    }

    /**
     * Signs a throw-away request so that the signer's classes are loaded and its code warmed before the first real
     * call: a call's rate-limit permit is taken before it is signed, and a first call that is slow to sign arrives
     * late and bunches with later calls in DynamoDB's 1-second window.
     *
     * @return this signer
     */
    public RequestSigner warmUp() {
        sign("DynamoDB_20120810.ListTables", new byte[] {'{', '}'},
                software.amazon.awssdk.identity.spi.AwsCredentialsIdentity.create("AKIDWARMUP", "warm-up-only"));
        return this;
    }

    /** The Host header as HTTP/1.1 wants it: the port only when it is not the scheme's default. */
    public static String hostHeader(URI endpoint) {
        int port = endpoint.getPort();
        boolean defaultPort = port == -1
                || (port == 443 && "https".equalsIgnoreCase(endpoint.getScheme()))
                || (port == 80 && "http".equalsIgnoreCase(endpoint.getScheme()));
        return defaultPort ? endpoint.getHost() : endpoint.getHost() + ":" + port;
    }
}
