package io.github.ddbbackup.emulator;

import io.github.ddbbackup.core.JsonProtocol;
import io.github.ddbbackup.core.Operation;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
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
 * <p>Order of checks: {@code GET /} is a health check (as DynamoDB answers it); any other method or path, or a
 * Content-Type other than {@code application/x-amz-json-1.0}, gets DynamoDB's 404 page; then the signature; then the
 * target (UnknownOperationException); then the fault; then the rate limiter; then the operation
 * (SerializationException, ValidationException, the operation's own errors).
 */
final class RequestHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RequestHandler.class);

    static final String PAGE_NOT_FOUND_HTML = "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\">\n"
            + "<html><head><title>Page Not Found</title></head><body>Page Not Found</body></html>";

    private static final byte[] EMPTY = new byte[0];
    private static final char[] REQUEST_ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();
    private static final int REQUEST_ID_LENGTH = 52;
    private static final Pattern SIGNATURE_VALUE = Pattern.compile("(Signature=)[^,\\s]*");

    private final SignatureVerifier verifier;
    private final Operations operations;
    private final FaultInjector faults;
    private final CallAdmission admission;
    private final EmulatorStats stats;
    private final Clock clock;
    private final String healthText;

    RequestHandler(SignatureVerifier verifier, Operations operations, FaultInjector faults, CallAdmission admission,
                   EmulatorStats stats, Clock clock, String region) {
        this.verifier = verifier;
        this.operations = operations;
        this.faults = faults;
        this.admission = admission;
        this.stats = stats;
        this.clock = clock;
        this.healthText = "healthy: dynamodb." + region + ".amazonaws.com ";
    }

    Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        return request.receive().aggregate().asByteArray().defaultIfEmpty(EMPTY)
                .map(body -> reply(request.method().name(), request.uri(), request.requestHeaders(), body))
                .flatMap(reply -> reply.send(request, response));
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
        String operation = target == null ? "" : target.startsWith(Operation.TARGET_PREFIX)
                ? target.substring(Operation.TARGET_PREFIX.length()) : target;
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
        if (!JsonProtocol.METHOD.equals(method) || !JsonProtocol.PATH.equals(uri) || !isJson10(headers)) {
            return new Decision(Reply.text(404, "text/html", PAGE_NOT_FOUND_HTML, requestId), Fault.none());
        }
        try {
            verifier.verify(method, uri, headers, body);
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

    private static boolean isJson10(HttpHeaders headers) {
        String contentType = headers.get(HttpHeaderNames.CONTENT_TYPE);
        if (contentType == null) {
            return false;
        }
        int parameters = contentType.indexOf(';');
        String mediaType = (parameters < 0 ? contentType : contentType.substring(0, parameters)).trim();
        return mediaType.equalsIgnoreCase(JsonProtocol.CONTENT_TYPE);
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
