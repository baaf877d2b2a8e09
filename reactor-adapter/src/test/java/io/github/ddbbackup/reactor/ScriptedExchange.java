package io.github.ddbbackup.reactor;

import io.github.ddbbackup.core.error.TransportException;
import io.github.ddbbackup.core.internal.ErrorMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/** A fake transport for unit tests: answers each exchange with the next scripted step and records what was sent. */
final class ScriptedExchange implements Exchange {

    /** One request as the client sent it. */
    record Sent(Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final Deque<Function<HttpTransport.Attempt, Mono<RawResponse>>> steps = new ArrayDeque<>();
    private final List<Sent> sent = new CopyOnWriteArrayList<>();

    ScriptedExchange respond(int status, String body) {
        int n = steps.size() + 1;
        steps.add(attempt -> {
            attempt.written();
            return Mono.just(new RawResponse(status, "rid-" + n, null, body.getBytes(StandardCharsets.UTF_8)));
        });
        return this;
    }

    ScriptedExchange error(int status, String code) {
        return respond(status, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#" + code + "\",\"message\":\"scripted "
                + code + "\"}");
    }

    ScriptedExchange errorTimes(int times, int status, String code) {
        for (int i = 0; i < times; i++) {
            error(status, code);
        }
        return this;
    }

    /** The connection fails; {@code written} says whether the request had been written in full. */
    ScriptedExchange connectionLost(boolean written) {
        steps.add(attempt -> {
            if (written) {
                attempt.written();
            }
            return Mono.error(new TransportException("scripted: connection reset", written, true,
                    new IOException("Connection reset by peer")));
        });
        return this;
    }

    /** The request is written and no answer ever comes. */
    ScriptedExchange hang() {
        steps.add(attempt -> {
            attempt.written();
            return Mono.never();
        });
        return this;
    }

    @Override
    public Mono<RawResponse> exchange(Map<String, List<String>> headers, byte[] body, HttpTransport.Attempt attempt) {
        return Mono.defer(() -> {
            sent.add(new Sent(headers, new String(body, StandardCharsets.UTF_8)));
            Function<HttpTransport.Attempt, Mono<RawResponse>> step = steps.poll();
            if (step == null) {
                return Mono.error(new AssertionError("no scripted step left for request " + sent.size()));
            }
            return step.apply(attempt);
        });
    }

    List<Sent> sent() {
        return sent;
    }

    static String errorCode(Throwable e) {
        return ErrorMapper.codeOf(e.getClass().getSimpleName());
    }
}
