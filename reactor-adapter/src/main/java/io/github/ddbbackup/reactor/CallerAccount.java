package io.github.ddbbackup.reactor;

import io.github.ddbbackup.core.error.DynamoDbCallException;
import io.github.ddbbackup.core.error.MalformedResponseException;
import io.github.ddbbackup.core.error.TransportException;
import io.github.ddbbackup.core.internal.ErrorMapper;
import io.github.ddbbackup.reactor.internal.RequestSigner;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.netty.http.client.HttpClient;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;

/**
 * {@link DynamoDbBackupClient#callerAccountId()}: one STS GetCallerIdentity (AWS's Query protocol, a form-encoded
 * {@code POST /}), signed with the client's credentials by the AWS SDK's SigV4 signer as {@link RequestSigner} signs
 * DynamoDB's calls, but for the {@code sts} service. Not rate-limited and not retried: a caller asks once.
 */
final class CallerAccount {

    static final String SIGNING_NAME = "sts";
    static final String BODY = "Action=GetCallerIdentity&Version=2011-06-15";
    static final String CONTENT_TYPE = "application/x-www-form-urlencoded; charset=utf-8";
    /** An answer is a few hundred bytes; anything much larger is not STS's. */
    static final int MAX_RESPONSE_CHARACTERS = 64 * 1024;

    private static final Pattern ACCOUNT = Pattern.compile("<Account>\\s*(\\d{12})\\s*</Account>");
    private static final Pattern CODE = Pattern.compile("<Code>([^<]{1,200})</Code>");
    private static final Pattern MESSAGE = Pattern.compile("<Message>([^<]{1,500})</Message>");

    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final HttpClient http;
    private final URI endpoint;
    private final String region;
    private final CredentialsCache credentials;
    private final Clock clock;
    private final Duration timeout;
    private final Scheduler timers;

    CallerAccount(HttpClient http, URI endpoint, String region, CredentialsCache credentials, Clock clock,
                  Duration timeout, Scheduler timers) {
        this.http = http;
        this.endpoint = endpoint.resolve("/");
        this.region = region;
        this.credentials = credentials;
        this.clock = clock;
        this.timeout = timeout;
        this.timers = timers;
    }

    /**
     * Where STS is asked: DynamoDB's regional endpoint becomes STS's ({@code https://sts.<region>.<dns suffix>});
     * any other endpoint (a local emulator, a proxy) is asked itself, as the AWS SDK asks an overridden endpoint.
     */
    static URI endpointFor(URI dynamoDbEndpoint, Region region) {
        return EndpointResolver.sibling(dynamoDbEndpoint, region, SIGNING_NAME);
    }

    /** The account id; errors naming STS's endpoint and its answer (or why none came). */
    Mono<String> accountId() {
        byte[] body = BODY.getBytes(StandardCharsets.US_ASCII);
        return credentials.get()
                .map(identity -> sign(identity, body))
                .flatMap(headers -> http.post().uri(endpoint)
                        .send((request, out) -> {
                            headers.forEach(request.requestHeaders()::set);
                            request.requestHeaders().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
                            return out.sendByteArray(Mono.just(body));
                        })
                        .responseSingle((response, content) -> content.asString(StandardCharsets.UTF_8)
                                .defaultIfEmpty("")
                                .map(text -> accountIn(response.status().code(),
                                        response.responseHeaders().get("x-amzn-RequestId"), text)))
                        .onErrorMap(e -> !(e instanceof DynamoDbCallException), e -> new TransportException(
                                "STS GetCallerIdentity at " + endpoint + " got no answer: " + e.getMessage(), false,
                                true, e)))
                .timeout(timeout, Mono.error(() -> new TransportException("STS GetCallerIdentity at "
                        + endpoint + " got no answer within " + timeout, false, true, null)), timers);
    }

    private Map<String, List<String>> sign(AwsCredentialsIdentity identity, byte[] body) {
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint)
                .putHeader("Host", RequestSigner.hostHeader(endpoint))
                .putHeader("Content-Type", CONTENT_TYPE)
                .build();
        return signer.sign(r -> r
                        .identity(identity)
                        .request(request)
                        .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SIGNING_NAME)
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(HttpSigner.SIGNING_CLOCK, clock))
                .request()
                .headers();
    }

    /** The account in a 200 answer; an error answer becomes the typed error of its code (STS's XML {@code <Code>}). */
    private String accountIn(int status, @Nullable String requestId, String text) {
        String answer = text.length() > MAX_RESPONSE_CHARACTERS ? text.substring(0, MAX_RESPONSE_CHARACTERS) : text;
        Matcher account = ACCOUNT.matcher(answer);
        if (status == 200 && account.find()) {
            return account.group(1);
        }
        if (status == 200) {
            throw new MalformedResponseException("STS GetCallerIdentity at " + endpoint
                    + " answered without an account id", status, requestId, null);
        }
        Matcher code = CODE.matcher(answer);
        Matcher message = MESSAGE.matcher(answer);
        throw ErrorMapper.forCode(code.find() ? code.group(1) : null, "STS GetCallerIdentity at " + endpoint
                + " refused: " + (message.find() ? message.group(1) : "no message"), status, requestId);
    }
}
