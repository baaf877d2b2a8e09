package io.github.ddbbackup.reactor;

import io.github.ddbbackup.core.error.TransportException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.tcp.TcpServer;
import reactor.test.StepVerifier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A response whose header Netty's decoder refuses (a control character in {@code x-amzn-RequestId}; no HTTP server
 * library lets one through, so the server here writes raw bytes) fails its call with exactly one error, and nothing
 * more: the test-support extension fails this test if an error is also dropped or a blocking call made on the way.
 * The bad response comes second on a kept-alive connection, after a good one, as a pooled connection would see it.
 */
class RefusedResponseHeaderTest {

    static final String GOOD = response("good-id", "{\"TableNames\":[\"orders\"]}");
    static final String REFUSED = response("bad\u0001id", "{\"TableNames\":[]}");

    static final AtomicInteger requests = new AtomicInteger();
    static DisposableServer server;

    @BeforeAll
    static void startServer() {
        // One response per request read; bodies are a few bytes, so each request arrives in one read.
        server = TcpServer.create().host("127.0.0.1").port(0)
                .handle((in, out) -> in.receive().concatMap(request -> out.sendString(
                        Mono.just(requests.incrementAndGet() == 1 ? GOOD : REFUSED), StandardCharsets.ISO_8859_1)))
                .bindNow(Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        server.disposeNow(Duration.ofSeconds(10));
    }

    @Test
    void aControlCharacterInTheRequestIdFailsTheCallWithOneErrorAndDropsNothing() {
        try (DynamoDbBackupClient client = DynamoDbBackupClient.builder()
                .region("us-east-1")
                .endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
                .retryPolicy(RetryPolicy.NONE)
                .build()) {
            assertEquals(List.of("orders"), client.listTables().collectList().block(Duration.ofSeconds(20)));

            StepVerifier.create(client.listTables())
                    .expectErrorSatisfies(e -> {
                        TransportException refused = assertInstanceOf(TransportException.class, e);
                        assertTrue(refused.getMessage().contains("x-amzn-RequestId"), refused.getMessage());
                    })
                    .verify(Duration.ofSeconds(20));
        }
        assertEquals(2, requests.get(), "one request each, no retry");
    }

    private static String response(String requestId, String body) {
        return "HTTP/1.1 200 OK\r\n"
                + "Content-Type: application/x-amz-json-1.0\r\n"
                + "x-amzn-RequestId: " + requestId + "\r\n"
                + "Content-Length: " + body.length() + "\r\n"
                + "\r\n"
                + body;
    }
}
