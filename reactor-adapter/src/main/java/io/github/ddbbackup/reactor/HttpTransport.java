package io.github.ddbbackup.reactor;

import io.github.ddbbackup.core.error.ResponseTooLargeException;
import io.github.ddbbackup.core.error.TransportException;
import io.github.ddbbackup.core.internal.JsonProtocol;
import io.github.ddbbackup.core.error.DynamoDbCallException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.net.URI;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;

/**
 * One HTTP exchange with Reactor Netty: sends the signed headers and body as they are, reads the whole response
 * under a size cap, checks {@code x-amz-crc32}. A response that is too large or damaged closes its connection rather
 * than returning it to the pool.
 */
final class HttpTransport implements Exchange {

    /** Request and response headers at TRACE, with the signature and the session token redacted. */
    private static final Logger WIRE = LoggerFactory.getLogger("io.github.ddbbackup.reactor.wire");

    /** {@code POST /} to the endpoint, configured once: each configuring step copies Reactor Netty's configuration. */
    private final HttpClient.RequestSender post;
    private final URI endpoint;
    private final int maxResponseBytes;

    HttpTransport(HttpClient http, URI endpoint, int maxResponseBytes) {
        this.endpoint = endpoint.resolve("/");
        this.post = http.post().uri(this.endpoint);
        this.maxResponseBytes = maxResponseBytes;
    }

    /** Sends one request; {@code attempt} learns when the request has been written in full. */
    @Override
    public Mono<RawResponse> exchange(Map<String, List<String>> signedHeaders, byte[] body, Attempt attempt) {
        return post
                .send((request, out) -> {
                    HttpHeaders headers = request.requestHeaders();
                    signedHeaders.forEach(headers::set);
                    headers.set(HttpHeaderNames.CONTENT_LENGTH, body.length);
                    if (WIRE.isTraceEnabled()) {
                        WIRE.trace("> POST {} {}", endpoint, Redaction.headers(headers));
                    }
                    return out.sendObject(Unpooled.wrappedBuffer(body)).then(Mono.fromRunnable(attempt::written));
                })
                .responseConnection(this::read)
                .next()
                .onErrorMap(e -> !(e instanceof DynamoDbCallException), e -> transportFailure(e, attempt));
    }

    private Mono<RawResponse> read(HttpClientResponse response, Connection connection) {
        int status = response.status().code();
        HttpHeaders headers = response.responseHeaders();
        @Nullable String requestId = headers.get(JsonProtocol.HEADER_REQUEST_ID);
        long declared = contentLength(headers);
        if (WIRE.isTraceEnabled()) {
            WIRE.trace("< {} {}", status, Redaction.headers(headers));
        }
        if (declared > maxResponseBytes) {
            connection.dispose();
            return Mono.error(new ResponseTooLargeException(declared, maxResponseBytes, status, requestId));
        }
        return connection.inbound().receive()
                .reduceWith(() -> new Body(declared), (sink, chunk) -> append(sink, chunk, status, requestId))
                .map(sink -> {
                    byte[] bytes = sink.bytes();
                    JsonProtocol.verifyCrc32(headers.get(JsonProtocol.HEADER_CRC32), bytes, status, requestId);
                    return new RawResponse(status, requestId, headers.get(JsonProtocol.HEADER_ERROR_TYPE), bytes);
                })
                .doOnError(e -> connection.dispose())
                .flatMap(raw -> afterRelease(connection, raw));
    }

    /**
     * Hands the response on from a task queued on the connection's event loop, which runs once Reactor Netty has
     * finished with the last chunk and returned the connection to the pool. Emitted right away, the response would
     * reach a caller that starts its next call on completion (a {@code flatMap} of calls, {@code backupAll}) while the
     * connection is still leased: that next call would wait in the pool's pending queue behind a pending-acquire
     * timer, whose scheduling and cancelling, and the timer thread it wakes, are a large share of a call's CPU.
     */
    private static Mono<RawResponse> afterRelease(Connection connection, RawResponse raw) {
        return Mono.create(sink -> connection.channel().eventLoop().execute(() -> sink.success(raw)));
    }

    private Body append(Body sink, ByteBuf chunk, int status, @Nullable String requestId) {
        if ((long) sink.size + chunk.readableBytes() > maxResponseBytes) {
            throw new ResponseTooLargeException(-1, maxResponseBytes, status, requestId);
        }
        sink.append(chunk);
        return sink;
    }

    /** The body read so far; sized from Content-Length when the server sent one. */
    private static final class Body {
        private byte[] bytes;
        private int size;

        Body(long declaredLength) {
            bytes = new byte[declaredLength > 0 ? (int) declaredLength : 256];
        }

        void append(ByteBuf chunk) {
            int n = chunk.readableBytes();
            if (size + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + n));
            }
            chunk.readBytes(bytes, size, n);
            size += n;
        }

        byte[] bytes() {
            return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
        }
    }

    private static long contentLength(HttpHeaders headers) {
        String value = headers.get(HttpHeaderNames.CONTENT_LENGTH);
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Any failure that is not a response. A request not written in full (connect refused, pool exhausted, reset while
     * writing) cannot have been processed: the server waits for Content-Length bytes before it acts.
     */
    private static TransportException transportFailure(Throwable e, Attempt attempt) {
        boolean written = attempt.isWritten();
        String what = written ? "after the request was written" : "before the request was written";
        return new TransportException(e.getClass().getSimpleName() + " " + what + ": " + e.getMessage(), written,
                true, e);
    }

    /** What one attempt has done so far; read by the pipeline when the attempt fails. */
    static final class Attempt {
        private volatile boolean written;
        private volatile @Nullable Runnable onWritten;

        /** Marks the request written in full and runs what waits for that, once. */
        void written() {
            if (!written) {
                written = true;
                Runnable then = onWritten;
                if (then != null) {
                    then.run();
                }
            }
        }

        boolean isWritten() {
            return written;
        }

        /** What to run when the request has been written in full (the permit-to-wire lag is measured there). */
        void onWritten(Runnable then) {
            this.onWritten = then;
        }
    }
}
