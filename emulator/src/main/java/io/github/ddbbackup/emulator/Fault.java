package io.github.ddbbackup.emulator;

import io.github.ddbbackup.core.JsonProtocol;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * One misbehaviour the emulator can show for one call, chosen by the {@link FaultInjector}. Faults that run the
 * operation ({@link #latency}, {@link #closeAfterOperation}, {@link #truncatedBody}, {@link #bodyCutShort},
 * {@link #wrongCrc32}) change state exactly as a normal call would (a backup is created) and then distort whatever the
 * operation answered, error or not; the others answer in its place and change nothing.
 *
 * <p>Equal faults have equal {@link #toString()} descriptions, e.g. {@code error(500, InternalServerError)}.
 */
public final class Fault {

    /** The HTML body of {@link #htmlServiceUnavailable()}, as a load balancer in front of a service sends it. */
    public static final String SERVICE_UNAVAILABLE_HTML =
            "<html><head><title>503 Service Unavailable</title></head>"
                    + "<body><h1>503 Service Unavailable</h1>No server is available to handle this request.</body></html>";

    /** How a fault turns a call into a reply: it runs the operation (through the supplier) or not. */
    @FunctionalInterface
    interface Action {
        Reply apply(String requestId, Supplier<Reply> operation);
    }

    private static final Fault NONE = new Fault("none", (id, operation) -> operation.get());

    private final String description;
    private final Action action;

    private Fault(String description, Action action) {
        this.description = description;
        this.action = action;
    }

    /** No fault: the call is served normally. */
    public static Fault none() {
        return NONE;
    }

    /** An error response in place of the operation, with the message {@code "Injected fault"}. */
    public static Fault error(int status, String code) {
        return error(status, code, "Injected fault");
    }

    /**
     * An error response in place of the operation: {@code status}, and a body whose {@code __type} is {@code code}
     * under the namespace DynamoDB uses for it (e.g. {@code com.amazon.coral.availability#ThrottlingException}).
     *
     * @param status  400..599
     * @param code    e.g. {@code InternalServerError}, {@code ThrottlingException}, {@code ProvisionedThroughputExceededException}
     * @param message the body's {@code message}
     */
    public static Fault error(int status, String code, String message) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status: " + status + " violates range 400..599");
        }
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("code: must not be blank");
        }
        Objects.requireNonNull(message, "message");
        ServiceError error = new ServiceError(status, code, message);
        return new Fault("error(" + status + ", " + code + ")", (id, operation) -> Reply.error(error, id));
    }

    /**
     * The operation runs when the request arrives; its reply is held back for {@code delay} (a timer). A client that
     * gives up before then saw no answer although the operation happened.
     */
    public static Fault latency(Duration delay) {
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("delay: " + delay + " violates must be zero or positive");
        }
        return new Fault("latency(" + delay + ")", (id, operation) -> new Reply.Delayed(delay, operation.get()));
    }

    /** The connection is closed before the operation runs: nothing happened, no response. */
    public static Fault closeBeforeOperation() {
        return new Fault("closeBeforeOperation", (id, operation) -> new Reply.ConnectionClosed());
    }

    /** The operation runs, then the connection is closed without a response (the backup exists; the client saw nothing). */
    public static Fault closeAfterOperation() {
        return new Fault("closeAfterOperation", (id, operation) -> {
            operation.get();
            return new Reply.ConnectionClosed();
        });
    }

    /**
     * The operation runs; the response is complete as HTTP (Content-Length and {@code x-amz-crc32} match what is
     * sent) but its body is the first half of the JSON document.
     */
    public static Fault truncatedBody() {
        return new Fault("truncatedBody", (id, operation) -> distortBody(operation.get(),
                body -> body.withBody(Arrays.copyOf(body.body(), body.body().length / 2))));
    }

    /**
     * The operation runs; the headers announce the whole body, half of it is sent, then the connection is closed (a
     * response cut short on the wire).
     */
    public static Fault bodyCutShort() {
        return new Fault("bodyCutShort", (id, operation) -> {
            Reply reply = operation.get();
            return reply instanceof Reply.Body body ? new Reply.CutShort(body) : reply;
        });
    }

    /** A 503 with an HTML body ({@link #SERVICE_UNAVAILABLE_HTML}) in place of the operation. */
    public static Fault htmlServiceUnavailable() {
        return new Fault("htmlServiceUnavailable",
                (id, operation) -> Reply.text(503, "text/html", SERVICE_UNAVAILABLE_HTML, id));
    }

    /** The operation runs; the response's {@code x-amz-crc32} is one more than the CRC32 of its body. */
    public static Fault wrongCrc32() {
        return new Fault("wrongCrc32", (id, operation) -> distortBody(operation.get(), body -> body.withCrc32(
                Long.toString((JsonProtocol.crc32(body.body()) + 1) & 0xFFFF_FFFFL))));
    }

    /** Whether this is {@link #none()}. */
    public boolean isNone() {
        return this == NONE;
    }

    Reply apply(String requestId, Supplier<Reply> operation) {
        return action.apply(requestId, operation);
    }

    private static Reply distortBody(Reply reply, UnaryOperator<Reply.Body> distortion) {
        return reply instanceof Reply.Body body ? distortion.apply(body) : reply;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Fault fault && fault.description.equals(description);
    }

    @Override
    public int hashCode() {
        return description.hashCode();
    }

    @Override
    public String toString() {
        return description;
    }
}
