package io.github.ddbbackup.emulator;

import io.github.ddbbackup.core.InvalidOptionException;
import io.github.ddbbackup.core.internal.JsonProtocol;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * One misbehaviour the emulator can show for one call, chosen by the {@link FaultInjector}. Faults that run the
 * operation ({@link #latency}, {@link #closeAfterOperation}, {@link #truncatedBody}, {@link #bodyCutShort},
 * {@link #wrongCrc32}, {@link #emptyPage}, {@link #dribbledBody}, {@link #oversizeBody},
 * {@link #closeDelimitedBody}) change state exactly as a normal call would (a backup is created), count as a call
 * for the rate limiter, and then distort whatever the operation answered, error or not; the others
 * ({@link #error}, {@link #closeBeforeOperation}, {@link #htmlServiceUnavailable}, {@link #okWithErrorBody}) answer
 * in its place, change nothing and are not calls.
 *
 * <p>A new kind is a factory method here with an {@link Action}, and, if it misbehaves on the wire in a new way, a
 * {@link Reply} that does it.
 *
 * <p>Equal faults have equal {@link #toString()} descriptions, e.g. {@code error(500, InternalServerError)}.
 */
public final class Fault {

    /** The HTML body of {@link #htmlServiceUnavailable()}, as a load balancer in front of a service sends it. */
    public static final String SERVICE_UNAVAILABLE_HTML =
            "<html><head><title>503 Service Unavailable</title></head>"
                    + "<body><h1>503 Service Unavailable</h1>"
                    + "No server is available to handle this request.</body></html>";

    /** The request a fault applies to: its id (for the reply), its operation and its body. */
    record Call(String requestId, String operation, byte[] body) {
    }

    /** How a fault turns a call into a reply: it runs the operation (through the supplier) or not. */
    @FunctionalInterface
    interface Action {
        Reply apply(Call call, Supplier<Reply> operation);
    }

    private static final Fault NONE = new Fault("none", (call, operation) -> operation.get());

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
     * @param code    e.g. {@code InternalServerError}, {@code ThrottlingException},
     *                {@code ProvisionedThroughputExceededException}
     * @param message the body's {@code message}
     */
    public static Fault error(int status, String code, String message) {
        if (status < 400 || status > 599) {
            throw new InvalidOptionException("Fault.status", status, "range 400..599");
        }
        if (code == null || code.isBlank()) {
            throw new InvalidOptionException("Fault.code", code, "non-blank");
        }
        Objects.requireNonNull(message, "message");
        ServiceError error = new ServiceError(status, code, message);
        return new Fault("error(" + status + ", " + code + ")",
                (call, operation) -> Reply.error(error, call.requestId()));
    }

    /**
     * The operation runs when the request arrives; its reply is held back for {@code delay} (a timer). A client that
     * gives up before then saw no answer although the operation happened.
     */
    public static Fault latency(Duration delay) {
        if (delay == null || delay.isNegative()) {
            throw new InvalidOptionException("Fault.delay", delay, "zero or positive");
        }
        return new Fault("latency(" + delay + ")", (call, operation) -> new Reply.Delayed(delay, operation.get()));
    }

    /** The connection is closed before the operation runs: nothing happened, no response. */
    public static Fault closeBeforeOperation() {
        return new Fault("closeBeforeOperation", (call, operation) -> new Reply.ConnectionClosed());
    }

    /**
     * The operation runs, then the connection is closed without a response (the backup exists; the client saw
     * nothing).
     */
    public static Fault closeAfterOperation() {
        return new Fault("closeAfterOperation", (call, operation) -> {
            operation.get();
            return new Reply.ConnectionClosed();
        });
    }

    /**
     * The operation runs; the response is complete as HTTP (Content-Length and {@code x-amz-crc32} match what is
     * sent) but its body is the first half of the JSON document.
     */
    public static Fault truncatedBody() {
        return new Fault("truncatedBody", (call, operation) -> distortBody(operation.get(),
                body -> body.withBody(Arrays.copyOf(body.body(), body.body().length / 2))));
    }

    /**
     * The operation runs; the headers announce the whole body, half of it is sent, then the connection is closed (a
     * response cut short on the wire).
     */
    public static Fault bodyCutShort() {
        return new Fault("bodyCutShort", (call, operation) -> {
            Reply reply = operation.get();
            return reply instanceof Reply.Body body ? new Reply.CutShort(body) : reply;
        });
    }

    /** A 503 with an HTML body ({@link #SERVICE_UNAVAILABLE_HTML}) in place of the operation. */
    public static Fault htmlServiceUnavailable() {
        return new Fault("htmlServiceUnavailable",
                (call, operation) -> Reply.text(503, "text/html", SERVICE_UNAVAILABLE_HTML, call.requestId()));
    }

    /** The operation runs; the response's {@code x-amz-crc32} is one more than the CRC32 of its body. */
    public static Fault wrongCrc32() {
        return new Fault("wrongCrc32", (call, operation) -> distortBody(operation.get(), body -> body.withCrc32(
                Long.toString((JsonProtocol.crc32(body.body()) + 1) & 0xFFFF_FFFFL))));
    }

    /**
     * The operation runs; the response headers come at once, the body {@code chunkSize} bytes every {@code interval}
     * (a timer): a slowloris answer that a client must bound with a timeout on the whole response.
     */
    public static Fault dribbledBody(Duration interval, int chunkSize) {
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new InvalidOptionException("Fault.interval", interval, "positive");
        }
        if (chunkSize < 1) {
            throw new InvalidOptionException("Fault.chunkSize", chunkSize, "at least 1");
        }
        return new Fault("dribbledBody(" + interval + ", " + chunkSize + ")", (call, operation) -> {
            Reply reply = operation.get();
            return reply instanceof Reply.Body body ? new Reply.Dribbled(body, interval, chunkSize) : reply;
        });
    }

    /**
     * The operation runs; its JSON answer is padded with trailing spaces (still valid JSON, with a matching
     * {@code x-amz-crc32}) to {@code totalBytes}: a body over a client's size cap.
     */
    public static Fault oversizeBody(int totalBytes) {
        if (totalBytes < 1) {
            throw new InvalidOptionException("Fault.totalBytes", totalBytes, "at least 1");
        }
        return new Fault("oversizeBody(" + totalBytes + ")", (call, operation) -> distortBody(operation.get(),
                body -> {
                    byte[] padded = Arrays.copyOf(body.body(), Math.max(totalBytes, body.body().length));
                    Arrays.fill(padded, body.body().length, padded.length, (byte) ' ');
                    return body.withBody(padded);
                }));
    }

    /**
     * The operation runs; the answer is an HTTP/1.0 response without Content-Length whose body ends when the server
     * closes the connection.
     */
    public static Fault closeDelimitedBody() {
        return new Fault("closeDelimitedBody", (call, operation) -> {
            Reply reply = operation.get();
            return reply instanceof Reply.Body body ? new Reply.CloseDelimited(body) : reply;
        });
    }

    /**
     * In place of the operation, a 200 whose body is an error ({@code __type} with DynamoDB's namespace for
     * {@code code}): a client must not take it for a success.
     */
    public static Fault okWithErrorBody(String code, String message) {
        Reply.Body error = Reply.error(new ServiceError(500, Objects.requireNonNull(code, "code"),
                Objects.requireNonNull(message, "message")), "");
        return new Fault("okWithErrorBody(" + code + ")", (call, operation) -> new Reply.Body(200,
                error.contentType(), error.body(), call.requestId(), error.errorCode(), Optional.empty()));
    }

    /** Whether this is {@link #none()}. */
    public boolean isNone() {
        return this == NONE;
    }

    /**
     * The operation runs; a successful ListBackups or ListTables that continues a listing (it has
     * {@code ExclusiveStartBackupArn} or {@code ExclusiveStartTableName}) is answered with an empty page whose
     * {@code LastEvaluated...} is that same start, as DynamoDB may answer: a client must keep paging until the member
     * is absent, not stop at an empty page. Other calls are answered normally.
     */
    public static Fault emptyPage() {
        return new Fault("emptyPage", (call, operation) -> distortBody(operation.get(), body -> body.status() != 200
                ? body : EmptyPages.of(call.operation(), call.body()).map(body::withBody).orElse(body)));
    }

    Reply apply(Call call, Supplier<Reply> operation) {
        return action.apply(call, operation);
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
