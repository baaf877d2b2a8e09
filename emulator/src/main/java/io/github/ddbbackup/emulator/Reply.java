package io.github.ddbbackup.emulator;

import io.github.ddbbackup.core.internal.JsonProtocol;
import io.github.ddbbackup.core.internal.WireCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * What the emulator does in answer to one request: send a complete HTTP response, or misbehave the way a fault asks
 * (close the connection, delay, cut the body short). Decided without I/O; {@link #send} does the I/O.
 */
interface Reply {

    /** The HTTP status sent, or 0 when the connection is closed without a status line. */
    int status();

    /** The error code of an error reply. */
    Optional<String> errorCode();

    /** Sends this reply (or misbehaves) on the exchange. */
    Mono<Void> send(HttpServerRequest request, HttpServerResponse response);

    static Body json(byte[] body, String requestId) {
        return new Body(200, JsonProtocol.CONTENT_TYPE, body, requestId, Optional.empty(), Optional.empty());
    }

    static Body error(ServiceError error, String requestId) {
        byte[] body = WireCodec.shared().encode(ErrorBody.of(error));
        return new Body(error.status(), JsonProtocol.CONTENT_TYPE, body, requestId, Optional.of(error.code()),
                Optional.empty());
    }

    static Body text(int status, String contentType, String text, String requestId) {
        return new Body(status, contentType, text.getBytes(StandardCharsets.UTF_8), requestId, Optional.empty(),
                Optional.empty());
    }

    /** A reply that sends another one differently: same status and error code. */
    interface Wrapper extends Reply {
        Reply reply();

        @Override
        default int status() {
            return reply().status();
        }

        @Override
        default Optional<String> errorCode() {
            return reply().errorCode();
        }
    }

    /**
     * Writes a response head and a body directly on the channel, then closes the connection: for misbehaviour
     * Reactor Netty's response API would not produce (it frames and completes every exchange properly).
     */
    static Mono<Void> writeAndClose(HttpServerRequest request, HttpResponse head, ByteBuf content) {
        return Mono.fromRunnable(() -> request.withConnection(connection -> {
            connection.channel().write(head);
            connection.channel().writeAndFlush(new DefaultHttpContent(content))
                    .addListener(ChannelFutureListener.CLOSE);
        }));
    }

    /**
     * A complete response. Headers as DynamoDB sends them: Content-Type, {@code x-amzn-RequestId}, and
     * {@code x-amz-crc32}, the CRC32 of the exact body bytes unless {@code crc32Override} replaces it.
     */
    record Body(int status, String contentType, byte[] body, String requestId, Optional<String> errorCode,
                Optional<String> crc32Override) implements Reply {

        Body withBody(byte[] newBody) {
            return new Body(status, contentType, newBody, requestId, errorCode, crc32Override);
        }

        Body withCrc32(String crc32) {
            return new Body(status, contentType, body, requestId, errorCode, Optional.of(crc32));
        }

        String crc32() {
            return crc32Override.orElseGet(() -> Long.toString(JsonProtocol.crc32(body)));
        }

        @Override
        public Mono<Void> send(HttpServerRequest request, HttpServerResponse response) {
            return response.status(HttpResponseStatus.valueOf(status))
                    .headers(headers(body.length))
                    .sendByteArray(Mono.just(body))
                    .then();
        }

        /** DynamoDB's response headers, announcing {@code contentLength} bytes of body. */
        HttpHeaders headers(long contentLength) {
            return new DefaultHttpHeaders()
                    .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                    .set(JsonProtocol.HEADER_REQUEST_ID, requestId)
                    .set(JsonProtocol.HEADER_CRC32, crc32())
                    .set(HttpHeaderNames.CONTENT_LENGTH, Long.toString(contentLength));
        }

        @Override
        public String toString() {
            return "Body[status=" + status + ", contentType=" + contentType + ", bytes=" + body.length + "]";
        }
    }

    /** The connection is closed without a response. */
    record ConnectionClosed() implements Reply {

        @Override
        public int status() {
            return 0;
        }

        @Override
        public Optional<String> errorCode() {
            return Optional.empty();
        }

        @Override
        public Mono<Void> send(HttpServerRequest request, HttpServerResponse response) {
            return Mono.fromRunnable(() -> request.withConnection(connection -> connection.channel().close()));
        }
    }

    /** The reply is sent after a delay: a timer, never a sleeping thread. */
    record Delayed(Duration delay, Reply reply) implements Wrapper {

        @Override
        public Mono<Void> send(HttpServerRequest request, HttpServerResponse response) {
            return Mono.delay(delay).then(reply.send(request, response));
        }
    }

    /** The headers announce the whole body, half of it is sent, then the connection is closed. */
    record CutShort(Body reply) implements Wrapper {

        @Override
        public Mono<Void> send(HttpServerRequest request, HttpServerResponse response) {
            byte[] half = Arrays.copyOf(reply.body(), reply.body().length / 2);
            return writeAndClose(request, new DefaultHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(reply.status()), reply.headers(reply.body().length)),
                    Unpooled.wrappedBuffer(half));
        }
    }

    /**
     * The headers announce the whole body at once; the body follows {@code chunkSize} bytes at a time, one chunk
     * every {@code interval} (a timer): a slow, "slowloris" response.
     */
    record Dribbled(Body reply, Duration interval, int chunkSize) implements Wrapper {

        @Override
        public Mono<Void> send(HttpServerRequest request, HttpServerResponse response) {
            byte[] body = reply.body();
            Flux<ByteBuf> chunks = Flux.range(0, (body.length + chunkSize - 1) / chunkSize)
                    .delayElements(interval)
                    .map(i -> Unpooled.wrappedBuffer(body, i * chunkSize,
                            Math.min(chunkSize, body.length - i * chunkSize)));
            return response.status(HttpResponseStatus.valueOf(reply.status()))
                    .headers(reply.headers(body.length))
                    .send(chunks, chunk -> true)
                    .then();
        }
    }

    /**
     * An HTTP/1.0 response without Content-Length: the body ends when the server closes the connection.
     */
    record CloseDelimited(Body reply) implements Wrapper {

        @Override
        public Mono<Void> send(HttpServerRequest request, HttpServerResponse response) {
            HttpHeaders headers = reply.headers(reply.body().length).remove(HttpHeaderNames.CONTENT_LENGTH)
                    .set(HttpHeaderNames.CONNECTION, "close");
            return writeAndClose(request, new DefaultHttpResponse(HttpVersion.HTTP_1_0,
                    HttpResponseStatus.valueOf(reply.status()), headers), Unpooled.wrappedBuffer(reply.body()));
        }
    }
}
