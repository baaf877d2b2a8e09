package io.github.ddbbackup.emulator;

import io.github.ddbbackup.core.internal.JsonProtocol;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Raw requests to an emulator: headers signed by the AWS SDK's {@link AwsV4HttpSigner} (then tampered with by the
 * test as it likes) and sent as they are by Reactor Netty's HttpClient, on a new connection, without retries.
 */
final class RawHttp {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private RawHttp() {
    }

    /** A response as received. */
    record Response(int status, HttpHeaders headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            return headers.get(name);
        }
    }

    /** Who signs, for which scope, and when. */
    record Signing(String accessKeyId, String secretAccessKey, Optional<String> sessionToken, String region,
                   String service, Instant at) {

        static Signing as(DynamoDbEmulator emulator) {
            return new Signing(emulator.accessKeyId(), emulator.secretAccessKey(), emulator.sessionToken(),
                    emulator.region(), JsonProtocol.SIGNING_NAME, Instant.now());
        }

        Signing accessKeyId(String value) {
            return new Signing(value, secretAccessKey, sessionToken, region, service, at);
        }

        Signing secretAccessKey(String value) {
            return new Signing(accessKeyId, value, sessionToken, region, service, at);
        }

        Signing sessionToken(String value) {
            return new Signing(accessKeyId, secretAccessKey, Optional.ofNullable(value), region, service, at);
        }

        Signing region(String value) {
            return new Signing(accessKeyId, secretAccessKey, sessionToken, value, service, at);
        }

        Signing service(String value) {
            return new Signing(accessKeyId, secretAccessKey, sessionToken, region, value, at);
        }

        Signing at(Instant value) {
            return new Signing(accessKeyId, secretAccessKey, sessionToken, region, service, value);
        }
    }

    /** The headers of a JSON 1.0 request for {@code operation}, signed as {@code signing} says. */
    static Map<String, String> signedHeaders(URI endpoint, String operation, byte[] body, Signing signing) {
        return signedHeaders(endpoint, operation, body, signing, Map.of());
    }

    /**
     * The headers of a JSON 1.0 request for {@code operation} (no X-Amz-Target when {@code null}), with
     * {@code overrides} replacing or adding headers before signing.
     */
    static Map<String, String> signedHeaders(URI endpoint, String operation, byte[] body, Signing signing,
                                             Map<String, String> overrides) {
        SdkHttpRequest.Builder builder = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .protocol("http")
                .host(endpoint.getHost())
                .port(endpoint.getPort())
                .encodedPath("/")
                .putHeader("Content-Type", JsonProtocol.CONTENT_TYPE)
                .putHeader("Content-Length", Integer.toString(body.length));
        if (operation != null) {
            builder.putHeader(JsonProtocol.HEADER_TARGET, "DynamoDB_20120810." + operation);
        }
        overrides.forEach(builder::putHeader);
        SdkHttpRequest request = builder.build();
        AwsCredentialsIdentity identity = signing.sessionToken()
                .<AwsCredentialsIdentity>map(token -> AwsSessionCredentialsIdentity.create(signing.accessKeyId(),
                        signing.secretAccessKey(), token))
                .orElseGet(() -> AwsCredentialsIdentity.create(signing.accessKeyId(), signing.secretAccessKey()));
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(sign -> sign
                        .identity(identity)
                        .request(request)
                        .payload(ContentStreamProvider.fromByteArray(body))
                        .putProperty(AwsV4HttpSigner.REGION_NAME, signing.region())
                        .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, signing.service())
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signing.at(), ZoneOffset.UTC)))
                .request();
        Map<String, String> headers = new LinkedHashMap<>();
        signed.forEachHeader((name, values) -> headers.put(name, String.join(",", values)));
        return headers;
    }

    static Response post(URI endpoint, String operation, String body, Signing signing) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return post(endpoint, signedHeaders(endpoint, operation, bytes, signing), bytes);
    }

    static Response post(URI endpoint, Map<String, String> headers, byte[] body) {
        return exchange(endpoint, "POST", headers, body).block(TIMEOUT);
    }

    static Response get(URI endpoint) {
        return exchange(endpoint, "GET", Map.of(), null).block(TIMEOUT);
    }

    /** One exchange on a new connection; fails (e.g. PrematureCloseException) if the server closes it. */
    static Mono<Response> exchange(URI endpoint, String method, Map<String, String> headers, byte[] body) {
        return exchange(endpoint, method, headers, body, TIMEOUT);
    }

    /** One exchange on a new connection, failing with a timeout if no response has begun after {@code timeout}. */
    static Mono<Response> exchange(URI endpoint, String method, Map<String, String> headers, byte[] body,
                                   Duration timeout) {
        HttpClient client = HttpClient.newConnection()
                .disableRetry(true)
                .responseTimeout(timeout)
                .headers(h -> headers.forEach(h::set));
        HttpClient.ResponseReceiver<?> receiver = "GET".equals(method)
                ? client.get().uri(endpoint.resolve("/"))
                : client.post().uri(endpoint.resolve("/"))
                .send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body)));
        return receiver.responseSingle((response, content) -> content.asByteArray()
                .defaultIfEmpty(new byte[0])
                .map(bytes -> new Response(response.status().code(), response.responseHeaders(), bytes)));
    }
}
