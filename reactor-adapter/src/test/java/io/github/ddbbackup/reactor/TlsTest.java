package io.github.ddbbackup.reactor;

import io.github.ddbbackup.core.error.TransportException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * https endpoints are verified: a server whose certificate names {@code localhost} is accepted as
 * {@code https://localhost} and refused as {@code https://127.0.0.1}, even by a client that trusts its issuer.
 */
class TlsTest {

    static X509Bundle certificate;
    static DisposableServer server;

    @BeforeAll
    static void startHttpsServer() throws Exception {
        certificate = new CertificateBuilder().subject("CN=localhost").addSanDnsName("localhost")
                .setIsCertificateAuthority(true).ecp256().buildSelfSigned();
        Http11SslContextSpec serverTls = Http11SslContextSpec.forServer(certificate.toKeyManagerFactory());
        server = HttpServer.create().host("127.0.0.1").port(0)
                .secure(spec -> spec.sslContext(serverTls))
                .handle((request, response) -> request.receive().then(response
                        .header("Content-Type", "application/x-amz-json-1.0")
                        .header("x-amzn-RequestId", "tls-test")
                        .sendString(Mono.just("{\"TableNames\":[\"orders\"]}")).then()))
                .bindNow(Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        server.disposeNow(Duration.ofSeconds(10));
    }

    static DynamoDbBackupClient clientFor(String host) {
        return DynamoDbBackupClient.builder()
                .region("us-east-1")
                .endpointOverride(URI.create("https://" + host + ":" + server.port()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
                .retryPolicy(RetryPolicy.NONE)
                // Trust the test's issuer; hostname verification is left as the client sets it up.
                .httpClientCustomizer(http -> http.secure(spec -> spec.sslContext(Http11SslContextSpec.forClient()
                        .configure(builder -> builder.trustManager(certificate.toTrustManagerFactory())))))
                .build();
    }

    @Test
    void certificateForTheEndpointsHostIsAccepted() {
        try (DynamoDbBackupClient client = clientFor("localhost")) {
            assertEquals(List.of("orders"), client.listTables().collectList().block(Duration.ofSeconds(20)));
        }
    }

    @Test
    void certificateForAnotherHostIsRefused() {
        try (DynamoDbBackupClient client = clientFor("127.0.0.1")) {
            StepVerifier.create(client.listTables())
                    .expectErrorSatisfies(e -> {
                        TransportException refused = assertInstanceOf(TransportException.class, e);
                        Throwable cause = refused.getCause();
                        while (cause != null && !(cause instanceof SSLHandshakeException)) {
                            cause = cause.getCause();
                        }
                        assertTrue(cause != null, "refused by the TLS handshake: " + refused.getCause());
                    })
                    .verify(Duration.ofSeconds(20));
        }
    }
}
