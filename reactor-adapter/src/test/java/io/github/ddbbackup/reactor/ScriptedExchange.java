package io.github.ddbbackup.reactor;

import io.github.ddbbackup.core.Operation;
import io.github.ddbbackup.core.internal.JsonProtocol;
import io.github.ddbbackup.core.internal.WireCodec;
import io.github.ddbbackup.core.error.TransportException;
import io.github.ddbbackup.core.internal.ErrorMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import reactor.core.publisher.Mono;

/**
 * A scripted transport for unit tests, as r2dbc's {@code TestClient}: each request must be the next one expected,
 * {@code expect(operation[, check]).thenRespond(...)}, and is checked as it arrives. A request that was not expected
 * fails its call at once with an {@link AssertionError} naming it; registered with {@code @RegisterExtension}, the
 * exchange also fails the test afterwards, so that a client that turns the error into an outcome cannot hide it, and
 * when an expected request never came (unless it was expected {@link Expectation#upToTimes up to} a number of times).
 * Every request is recorded as sent.
 */
final class ScriptedExchange implements Exchange, AfterEachCallback {

    /** One request as the client sent it. */
    record Sent(Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        /** The operation's name, from {@code X-Amz-Target}. */
        String operation() {
            String target = header(JsonProtocol.HEADER_TARGET);
            return target == null ? "(no X-Amz-Target)" : target.substring(target.indexOf('.') + 1);
        }

        /** The body decoded as {@code operation}'s request. */
        <I> I request(Operation<I, ?> operation) {
            return WireCodec.shared().decodeRequest(operation.requestType(), body.getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * One expected request: what it must be ({@code check} throws if it is not), how it is answered, and whether the
     * test may end without it.
     */
    private record Step(String expected, Consumer<Sent> check,
                        BiFunction<HttpTransport.Attempt, Integer, Mono<RawResponse>> answer, boolean optional) {
    }

    private final Queue<Step> steps = new ConcurrentLinkedQueue<>();
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final List<AssertionError> unexpected = new CopyOnWriteArrayList<>();

    /** The next request must be a call of {@code operation}. */
    Expectation expect(Operation<?, ?> operation) {
        return expect(operation, request -> { });
    }

    /** The next request must be a call of {@code operation} whose request passes {@code check} (assertions). */
    <I> Expectation expect(Operation<I, ?> operation, Consumer<? super I> check) {
        return new Expectation(operation.name(), request -> {
            if (!operation.target().equals(request.header(JsonProtocol.HEADER_TARGET))) {
                throw new AssertionError("expected " + operation.name() + ", got " + request.operation());
            }
            check.accept(request.request(operation));
        });
    }

    @Override
    public Mono<RawResponse> exchange(Map<String, List<String>> headers, byte[] body, HttpTransport.Attempt attempt) {
        return Mono.defer(() -> {
            Sent request = new Sent(headers, new String(body, StandardCharsets.UTF_8));
            sent.add(request);
            int number = sent.size();
            Step step = steps.poll();
            try {
                if (step == null) {
                    throw new AssertionError("no request expected any more");
                }
                step.check().accept(request);
            } catch (AssertionError | RuntimeException mismatch) {
                AssertionError failure = new AssertionError("request " + number + " unexpected: "
                        + request.operation() + " " + request.body()
                        + (step == null ? "" : " (expected " + step.expected() + ")"), mismatch);
                unexpected.add(failure);
                return Mono.error(failure);
            }
            return step.answer().apply(attempt, number);
        });
    }

    /**
     * Fails the test if any request was not the expected one, even if the client swallowed its error, or if an
     * expected request never came.
     */
    @Override
    public void afterEach(ExtensionContext context) {
        if (!unexpected.isEmpty()) {
            AssertionError first = unexpected.get(0);
            unexpected.stream().skip(1).forEach(first::addSuppressed);
            throw first;
        }
        List<String> missing = steps.stream().filter(step -> !step.optional()).map(Step::expected).toList();
        if (!missing.isEmpty()) {
            throw new AssertionError("expected requests that never came, after " + sent.size() + " received: "
                    + missing);
        }
    }

    /** The requests received, expected or not, in order. */
    List<Sent> sent() {
        return sent;
    }

    /** An expected request, waiting for its answer; {@link #times} expects it again as the following requests. */
    final class Expectation {

        private final String expected;
        private final Consumer<Sent> check;
        private int times = 1;
        private boolean optional;

        private Expectation(String expected, Consumer<Sent> check) {
            this.expected = expected;
            this.check = check;
        }

        /** Expects {@code times} such requests in a row, each answered alike. */
        Expectation times(int times) {
            this.times = times;
            return this;
        }

        /** As {@link #times}, but the test may end before all of them came (polls whose count has jitter). */
        Expectation upToTimes(int times) {
            this.optional = true;
            return times(times);
        }

        /** Answers with {@code status} and {@code body}, request id {@code rid-<request number>}. */
        ScriptedExchange thenRespond(int status, String body) {
            return then((attempt, number) -> {
                attempt.written();
                return Mono.just(new RawResponse(status, "rid-" + number, null,
                        body.getBytes(StandardCharsets.UTF_8)));
            });
        }

        /** Answers with DynamoDB's error {@code code}. */
        ScriptedExchange thenError(int status, String code) {
            return thenRespond(status, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#" + code
                    + "\",\"message\":\"scripted " + code + "\"}");
        }

        /** The connection fails; {@code written} says whether the request had been written in full. */
        ScriptedExchange thenLoseConnection(boolean written) {
            return then((attempt, number) -> {
                if (written) {
                    attempt.written();
                }
                return Mono.error(new TransportException("scripted: connection reset", written, true,
                        new IOException("Connection reset by peer")));
            });
        }

        /** The request is written and no answer ever comes. */
        ScriptedExchange thenHang() {
            return then((attempt, number) -> {
                attempt.written();
                return Mono.never();
            });
        }

        private ScriptedExchange then(BiFunction<HttpTransport.Attempt, Integer, Mono<RawResponse>> answer) {
            for (int i = 0; i < times; i++) {
                steps.add(new Step(expected, check, answer, optional));
            }
            return ScriptedExchange.this;
        }
    }
}
