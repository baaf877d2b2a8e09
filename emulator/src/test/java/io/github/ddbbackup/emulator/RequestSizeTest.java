package io.github.ddbbackup.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.ddbbackup.core.internal.JsonProtocol;
import io.github.ddbbackup.core.internal.ErrorMapper;
import io.github.ddbbackup.emulator.RawHttp.Response;
import io.github.ddbbackup.emulator.RawHttp.Signing;
import io.netty.buffer.Unpooled;
import java.net.URI;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;

/** Request bodies are read up to {@link RequestHandler#MAX_REQUEST_BYTES}; past it the answer is a 413, not memory. */
class RequestSizeTest {

    @RegisterExtension
    final DynamoDbEmulatorExtension dynamoDb = new DynamoDbEmulatorExtension();
    private DynamoDbEmulator emulator;
    private URI endpoint;

    @BeforeEach
    void start() {
        emulator = dynamoDb.emulator();
        endpoint = dynamoDb.endpoint();
        emulator.createTable("orders");
    }

    @Test
    void declaredBodyOverTheCapIsRefusedWith413AndTheEmulatorGoesOnServing() {
        byte[] body = padded(RequestHandler.MAX_REQUEST_BYTES + 1);

        Response refused = RawHttp.post(endpoint, RawHttp.signedHeaders(endpoint, "ListTables", body,
                Signing.as(emulator)), body);

        assertEquals(413, refused.status(), refused.text());
        assertEquals(RequestHandler.REQUEST_TOO_LARGE, ErrorMapper.map(refused.status(), null,
                refused.header(JsonProtocol.HEADER_REQUEST_ID), refused.body()).errorCode());
        assertEquals(413, emulator.stats().requests().get(0).status());
        Response next = RawHttp.post(endpoint, "ListTables", "{}", Signing.as(emulator));
        assertEquals(200, next.status(), next.text());
    }

    @Test
    void chunkedBodyIsCountedAsItArrivesAndRefusedPastTheCap() {
        Map<String, String> headers = new HashMap<>(RawHttp.signedHeaders(endpoint, "ListTables", new byte[0],
                Signing.as(emulator)));
        headers.remove("Content-Length");
        byte[] chunk = padded(64 * 1024);

        int status = HttpClient.newConnection()
                .disableRetry(true)
                .responseTimeout(RawHttp.TIMEOUT)
                .headers(h -> headers.forEach(h::set))
                .post().uri(endpoint.resolve("/"))
                .send(Flux.range(0, RequestHandler.MAX_REQUEST_BYTES / chunk.length + 1)
                        .map(i -> Unpooled.wrappedBuffer(chunk)))
                .response()
                .map(response -> response.status().code())
                .block(RawHttp.TIMEOUT);

        assertEquals(413, status);
        assertEquals(RequestHandler.REQUEST_TOO_LARGE,
                emulator.stats().requests().get(0).errorCode().orElseThrow());
    }

    @Test
    void bodyOfExactlyTheCapIsReadAndAnswered() {
        byte[] body = padded(RequestHandler.MAX_REQUEST_BYTES);

        Response answered = RawHttp.post(endpoint, RawHttp.signedHeaders(endpoint, "ListTables", body,
                Signing.as(emulator)), body);

        assertNotEquals(413, answered.status(), answered.text());
        assertEquals(200, answered.status(), answered.text());
    }

    /** A JSON object of {@code size} bytes: {@code {}} padded with spaces, which ListTables ignores. */
    private static byte[] padded(int size) {
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) ' ');
        body[0] = '{';
        body[size - 1] = '}';
        return body;
    }
}
