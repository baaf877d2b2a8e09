package io.github.ddbbackup.emulator;

import io.github.ddbbackup.core.internal.JsonProtocol;
import io.github.ddbbackup.core.Operation;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Serves one HTTP exchange: receives the body, decides the reply without I/O (protocol checks, signature, operation
 * lookup, fault, rate limit, operation), records the request in the stats, then sends the reply.
 *
 * <p>Order of checks: {@code GET /} is a health check (as DynamoDB answers it); a form-encoded {@code POST /} is STS's
 * Query protocol ({@link CallerIdentity}: GetCallerIdentity only); any other method or path, or a Content-Type other
 * than {@code application/x-amz-json-1.0} (1.1 for the Resource Groups Tagging API's targets, signed for
 * {@code tagging}), gets DynamoDB's 404 page; then the signature; then the
 * target (UnknownOperationException); then the fault; then the rate limiter; then the operation
 * (SerializationException, ValidationException, the operation's own errors).
 */
final class RequestHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RequestHandler.class);

    static final String PAGE_NOT_FOUND_HTML = "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\">\n"
            + "<html><head><title>Page Not Found</title></head><body>Page Not Found</body></html>";

    /**
     * The largest request body read. DynamoDB's own limit is 16 MB (for batch writes); a backup-control request is a
     * few hundred bytes, so 1 MiB leaves room while a client cannot make the emulator buffer without bound.
     */
    static final int MAX_REQUEST_BYTES = 1024 * 1024;
    static final String REQUEST_TOO_LARGE = "RequestEntityTooLarge";

    private static final byte[] EMPTY = new byte[0];
    private static final char[] REQUEST_ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();
    private static final int REQUEST_ID_LENGTH = 52;
    private static final Pattern SIGNATURE_VALUE = Pattern.compile("(Signature=)[^,\\s]*");

    private final SignatureVerifier verifier;
    private final CallerIdentity callerIdentity;
    private final Operations operations;
    private final FaultInjector faults;
    private final CallAdmission admission;
    private final EmulatorStats stats;
    private final Clock clock;
    private final String healthText;

    RequestHandler(SignatureVerifier verifier, Operations operations, FaultInjector faults, CallAdmission admission,
                   EmulatorStats stats, Clock clock, String region, String accountId) {
        this.verifier = verifier;
        this.callerIdentity = new CallerIdentity(verifier, accountId);
        this.operations = operations;
        this.faults = faults;
        this.admission = admission;
        this.stats = stats;
        this.clock = clock;
        this.healthText = "healthy: dynamodb." + region + ".amazonaws.com ";
    }

    Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        long declared = declaredLength(request.requestHeaders());
        if (declared > MAX_REQUEST_BYTES) {
            // Refused before a byte of the body is read, on a connection closed after the answer: the rest of the
            // body is never read.
            return tooLarge(request.method().name(), request.uri(), request.requestHeaders(), declared)
                    .send(request, response.keepAlive(false));
        }
        return request.receive().asByteArray()
                .reduceWith(ByteArrayOutputStream::new, RequestHandler::appendBounded)
                .map(ByteArrayOutputStream::toByteArray)
                .defaultIfEmpty(EMPTY)
                .map(body -> reply(request.method().name(), request.uri(), request.requestHeaders(), body))
                .flatMap(reply -> reply.send(request, response))
                .onErrorResume(RequestTooLarge.class, tooLarge -> tooLarge(request.method().name(), request.uri(),
                        request.requestHeaders(), tooLarge.received).send(request, response.keepAlive(false)));
    }

    /** The Content-Length, or -1 when absent or not a number (Netty's decoder refuses the latter before us). */
    private static long declaredLength(HttpHeaders headers) {
        String value = headers.get(HttpHeaderNames.CONTENT_LENGTH);
        try {
            return value == null ? -1L : Long.parseLong(value.trim());
        } catch (NumberFormatException notANumber) {
            return -1L;
        }
    }

    /** A body without Content-Length (chunked) is counted as it arrives, and refused as soon as it passes the cap. */
    private static ByteArrayOutputStream appendBounded(ByteArrayOutputStream body, byte[] chunk) {
        long received = (long) body.size() + chunk.length;
        if (received > MAX_REQUEST_BYTES) {
            throw new RequestTooLarge(received);
        }
        body.writeBytes(chunk);
        return body;
    }

    /** The 413 for a body over {@link #MAX_REQUEST_BYTES}, recorded in the stats like every other reply. */
    private Reply tooLarge(String method, String uri, HttpHeaders headers, long bytes) {
        String requestId = newRequestId();
        Reply reply = Reply.error(new ServiceError(413, REQUEST_TOO_LARGE, "Request of " + bytes
                + " bytes or more exceeds the limit of " + MAX_REQUEST_BYTES + " bytes"), requestId);
        stats.recordRequest(new ReceivedRequest(requestId, operationOf(headers.get(JsonProtocol.HEADER_TARGET)),
                clock.instant(), redacted(headers), reply.status(), reply.errorCode(), Fault.none()));
        LOG.debug("{} {} -> 413 ({} bytes or more) requestId={}", method, uri, bytes, requestId);
        return reply;
    }

    /** Thrown while a body is read, to stop reading it. */
    private static final class RequestTooLarge extends RuntimeException {
        private final long received;

        RequestTooLarge(long received) {
            super(null, null, false, false);
            this.received = received;
        }
    }

    /** The fault drawn for a request, and the reply. */
    private record Decision(Reply reply, Fault fault) {
    }

    Reply reply(String method, String uri, HttpHeaders headers, byte[] body) {
        String requestId = newRequestId();
        Instant receivedAt = clock.instant();
        String target = headers.get(JsonProtocol.HEADER_TARGET);
        Decision decision = decide(method, uri, headers, body, target, requestId);
        Reply reply = decision.reply();
        String operation = CallerIdentity.isQuery(headers) ? CallerIdentity.ACTION : operationOf(target);
        stats.recordRequest(new ReceivedRequest(requestId, operation, receivedAt, redacted(headers),
                reply.status(), reply.errorCode(), decision.fault()));
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} {} {} -> {} {} fault={} requestId={}", method, uri, operation, reply.status(),
                    reply.errorCode().orElse(""), decision.fault(), requestId);
        }
        return reply;
    }

    private Decision decide(String method, String uri, HttpHeaders headers, byte[] body, String target,
                            String requestId) {
        if ("GET".equals(method) && JsonProtocol.PATH.equals(uri)) {
            return new Decision(Reply.text(200, "text/plain", healthText, requestId), Fault.none());
        }
        if (JsonProtocol.METHOD.equals(method) && JsonProtocol.PATH.equals(uri) && CallerIdentity.isQuery(headers)) {
            return new Decision(callerIdentity.reply(method, uri, headers, body, requestId), Fault.none());
        }
        boolean tagging = target != null && target.startsWith(Operation.TAGGING_TARGET_PREFIX);
        if (!JsonProtocol.METHOD.equals(method) || !JsonProtocol.PATH.equals(uri)
                || !isJson(headers, tagging ? JsonProtocol.TAGGING_CONTENT_TYPE : JsonProtocol.CONTENT_TYPE)) {
            return new Decision(Reply.text(404, "text/html", PAGE_NOT_FOUND_HTML, requestId), Fault.none());
        }
        try {
            // The Resource Groups Tagging API is served on the same port, signed for its own service name.
            verifier.verify(method, uri, headers, body,
                    tagging ? JsonProtocol.TAGGING_SIGNING_NAME : JsonProtocol.SIGNING_NAME);
            Operations.Route<?, ?> route = operations.route(target)
                    .orElseThrow(() -> ServiceError.unknownOperation(target));
            Fault fault = faults.next(route.name());
            return new Decision(fault.apply(new Fault.Call(requestId, route.name(), body),
                    () -> run(route, body, requestId)), fault);
        } catch (ServiceError error) {
            return new Decision(Reply.error(error, requestId), Fault.none());
        }
    }

    private Reply run(Operations.Route<?, ?> route, byte[] body, String requestId) {
        try {
            Instant now = admission.admit(route.name());
            return Reply.json(route.serve(body, now), requestId);
        } catch (ServiceError error) {
            return Reply.error(error, requestId);
        } catch (RuntimeException bug) {
            LOG.error("{} failed unexpectedly (request id {})", route.name(), requestId, bug);
            return Reply.error(new ServiceError(500, "InternalServerError", "Internal server error"), requestId);
        }
    }

    private static String operationOf(String target) {
        return target == null ? "" : target.startsWith(Operation.TARGET_PREFIX)
                ? target.substring(Operation.TARGET_PREFIX.length())
                : target.startsWith(Operation.TAGGING_TARGET_PREFIX)
                ? target.substring(Operation.TAGGING_TARGET_PREFIX.length()) : target;
    }

    private static boolean isJson(HttpHeaders headers, String expected) {
        String contentType = headers.get(HttpHeaderNames.CONTENT_TYPE);
        if (contentType == null) {
            return false;
        }
        int parameters = contentType.indexOf(';');
        String mediaType = (parameters < 0 ? contentType : contentType.substring(0, parameters)).trim();
        return mediaType.equalsIgnoreCase(expected);
    }

    /** The headers by lower-case name, without the signature or the session token. */
    static Map<String, List<String>> redacted(HttpHeaders headers) {
        Map<String, List<String>> copy = new HashMap<>();
        for (Map.Entry<String, String> header : headers) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            String value = switch (name) {
                case "authorization" -> header.getValue().contains("Signature=")
                        ? SIGNATURE_VALUE.matcher(header.getValue()).replaceAll("$1" + ReceivedRequest.REDACTED)
                        : ReceivedRequest.REDACTED;
                case "x-amz-security-token" -> ReceivedRequest.REDACTED;
                default -> header.getValue();
            };
            copy.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        copy.replaceAll((name, values) -> List.copyOf(values));
        return copy;
    }

    /** A request id in DynamoDB's form: 52 characters of A-Z and 0-9. */
    private static String newRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] id = new char[REQUEST_ID_LENGTH];
        for (int i = 0; i < id.length; i++) {
            id[i] = REQUEST_ID_ALPHABET[random.nextInt(REQUEST_ID_ALPHABET.length)];
        }
        return new String(id);
    }
}
