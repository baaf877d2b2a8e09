package io.github.ddbbackup.emulator;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * STS's GetCallerIdentity, served on the emulator's endpoint as a client pointed at a local endpoint asks for it
 * there: AWS's Query protocol (a form-encoded {@code POST /} signed for {@code sts}), answered with the emulator's
 * account in the XML AWS returns. Errors come in STS's XML form, with STS's codes for signature problems.
 */
final class CallerIdentity {

    static final String SIGNING_NAME = "sts";
    static final String CONTENT_TYPE = "application/x-www-form-urlencoded";
    static final String ACTION = "GetCallerIdentity";
    static final String VERSION = "2011-06-15";
    private static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";
    /** DynamoDB's signature error codes, as STS names the same errors. */
    private static final Map<String, String> STS_CODES = Map.of(
            "MissingAuthenticationTokenException", "MissingAuthenticationToken",
            "IncompleteSignatureException", "IncompleteSignature",
            "InvalidSignatureException", "SignatureDoesNotMatch",
            "UnrecognizedClientException", "InvalidClientTokenId");

    private final SignatureVerifier verifier;
    private final String accountId;

    CallerIdentity(SignatureVerifier verifier, String accountId) {
        this.verifier = verifier;
        this.accountId = accountId;
    }

    /** Whether a request is of the Query protocol (form-encoded), not DynamoDB's JSON. */
    static boolean isQuery(HttpHeaders headers) {
        String contentType = headers.get(HttpHeaderNames.CONTENT_TYPE);
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(CONTENT_TYPE);
    }

    /** The answer to a Query-protocol request: GetCallerIdentity, or STS's error. */
    Reply.Body reply(String method, String path, HttpHeaders headers, byte[] body, String requestId) {
        try {
            verifier.verify(method, path, headers, body, SIGNING_NAME);
        } catch (ServiceError refused) {
            return error(refused.status(), STS_CODES.getOrDefault(refused.code(), refused.code()),
                    String.valueOf(refused.getMessage()), requestId);
        }
        Map<String, String> form = form(new String(body, StandardCharsets.UTF_8));
        if (!ACTION.equals(form.get("Action")) || !VERSION.equals(form.get("Version"))) {
            return error(400, "InvalidAction", "Could not find operation " + form.get("Action") + " for version "
                    + form.get("Version"), requestId);
        }
        String xml = "<GetCallerIdentityResponse xmlns=\"" + NAMESPACE + "\">\n"
                + "  <GetCallerIdentityResult>\n"
                + "    <Arn>arn:aws:iam::" + accountId + ":user/ddb-backup-emulator</Arn>\n"
                + "    <UserId>AIDAEMULATOREXAMPLE00</UserId>\n"
                + "    <Account>" + accountId + "</Account>\n"
                + "  </GetCallerIdentityResult>\n"
                + "  <ResponseMetadata>\n"
                + "    <RequestId>" + requestId + "</RequestId>\n"
                + "  </ResponseMetadata>\n"
                + "</GetCallerIdentityResponse>\n";
        return Reply.text(200, "text/xml", xml, requestId);
    }

    private static Reply.Body error(int status, String code, String message, String requestId) {
        String xml = "<ErrorResponse xmlns=\"" + NAMESPACE + "\">\n"
                + "  <Error>\n"
                + "    <Type>Sender</Type>\n"
                + "    <Code>" + code + "</Code>\n"
                + "    <Message>" + escaped(message) + "</Message>\n"
                + "  </Error>\n"
                + "  <RequestId>" + requestId + "</RequestId>\n"
                + "</ErrorResponse>\n";
        return new Reply.Body(status, "text/xml", xml.getBytes(StandardCharsets.UTF_8), requestId, Optional.of(code),
                Optional.empty());
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static String escaped(String text) {
        return String.valueOf(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
