package io.github.ddbbackup.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.core.internal.JsonProtocol;
import io.github.ddbbackup.emulator.RawHttp.Response;
import io.github.ddbbackup.emulator.RawHttp.Signing;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Requests signed by the AWS SDK's signer, then tampered with, sent raw: every tampering is refused with DynamoDB's
 * error code, and no answer or log of the emulator carries the secret, the token or a signature.
 */
class SignatureVerificationTest {

    private static final String LIST_TABLES = "ListTables";
    private static final String MISMATCH = "The request signature we calculated does not match the signature you"
            + " provided. Check your AWS Secret Access Key and signing method. Consult the service documentation"
            + " for details.";
    private static final String TOKEN = "FwoGZXIvYXdzEXAMPLESESSIONTOKEN";

    /** Each test starts the emulator it needs. */
    @RegisterExtension
    final DynamoDbEmulatorExtension dynamoDb = DynamoDbEmulatorExtension.onDemand();
    private DynamoDbEmulator emulator;
    private URI endpoint;

    private void start(Consumer<DynamoDbEmulator.Builder> configuration) {
        emulator = dynamoDb.start(configuration);
        endpoint = emulator.endpoint();
        emulator.createTable("orders");
    }

    private Response send(Map<String, String> headers, String body) {
        return RawHttp.post(endpoint, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private Map<String, String> signed(String operation, String body, Signing signing) {
        return RawHttp.signedHeaders(endpoint, operation, body.getBytes(StandardCharsets.UTF_8), signing);
    }

    private static void assertError(Response response, int status, String type, String message) {
        assertEquals(status, response.status(), response.text());
        assertTrue(response.text().contains("\"__type\":\"" + type + "\""), response.text());
        if (message != null) {
            assertTrue(response.text().contains(message), response.text());
        }
    }

    private void assertNoSecretsLeaked(Response response) {
        String text = response.text() + response.headers().toString();
        assertFalse(text.contains(emulator.secretAccessKey()), text);
        assertFalse(text.contains(TOKEN), text);
        assertFalse(text.contains("Signature="), text);
        for (ReceivedRequest request : emulator.stats().requests()) {
            String logged = request.toString();
            assertFalse(logged.contains(emulator.secretAccessKey()), logged);
            assertFalse(logged.contains(TOKEN), logged);
            request.header("Authorization").ifPresent(authorization -> assertTrue(
                    authorization.endsWith("Signature=" + ReceivedRequest.REDACTED), authorization));
        }
    }

    @Test
    void aCorrectlySignedRequestIsServed() {
        start(builder -> { });
        Response response = RawHttp.post(endpoint, LIST_TABLES, "{}", Signing.as(emulator));
        assertEquals(200, response.status(), response.text());
        assertEquals("{\"TableNames\":[\"orders\"]}", response.text());
        assertNoSecretsLeaked(response);
    }

    @Test
    void aTamperedBodyIsRefused() {
        start(builder -> { });
        Map<String, String> headers = signed("ListTables", "{\"Limit\":10}", Signing.as(emulator));
        Response response = send(headers, "{\"Limit\":20}");
        assertError(response, 400, "com.amazon.coral.service#InvalidSignatureException", MISMATCH);
        assertEquals(0, emulator.stats().callCount("ListTables"));
        assertNoSecretsLeaked(response);
    }

    @Test
    void aTamperedSignedHeaderIsRefused() {
        start(builder -> { });
        Map<String, String> headers = signed("ListTables", "{}", Signing.as(emulator));
        headers.put(JsonProtocol.HEADER_TARGET, "DynamoDB_20120810.ListBackups");
        assertError(send(headers, "{}"), 400, "com.amazon.coral.service#InvalidSignatureException", MISMATCH);
        assertEquals(0, emulator.stats().callCount("ListBackups"));
    }

    @Test
    void aTamperedDateIsRefused() {
        start(builder -> { });
        Instant signedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, String> headers = signed("ListTables", "{}", Signing.as(emulator).at(signedAt));
        headers.put("X-Amz-Date", SignatureVerifierDates.format(signedAt.plusSeconds(1)));
        assertError(send(headers, "{}"), 400, "com.amazon.coral.service#InvalidSignatureException", MISMATCH);
    }

    @Test
    void aSignatureOlderOrNewerThanFiveMinutesIsRefusedAsDynamoDbDoes() {
        MutableClock clock = new MutableClock();
        start(builder -> builder.clock(clock));
        Instant now = clock.instant();

        Response expired = RawHttp.post(endpoint, LIST_TABLES, "{}", Signing.as(emulator)
                .at(now.minus(Duration.ofMinutes(5)).minusSeconds(1)));
        assertError(expired, 400, "com.amazon.coral.service#InvalidSignatureException",
                "Signature expired: " + SignatureVerifierDates.format(now.minusSeconds(301))
                        + " is now earlier than " + SignatureVerifierDates.format(now.minusSeconds(300)) + " ("
                        + SignatureVerifierDates.format(now) + " - 5 min.)");

        Response future = RawHttp.post(endpoint, LIST_TABLES, "{}", Signing.as(emulator)
                .at(now.plus(Duration.ofMinutes(5)).plusSeconds(1)));
        assertError(future, 400, "com.amazon.coral.service#InvalidSignatureException",
                "Signature not yet current: " + SignatureVerifierDates.format(now.plusSeconds(301))
                        + " is still later than " + SignatureVerifierDates.format(now.plusSeconds(300)));

        Response edge = RawHttp.post(endpoint, LIST_TABLES, "{}", Signing.as(emulator)
                .at(now.minus(Duration.ofMinutes(5))));
        assertEquals(200, edge.status(), edge.text());
    }

    @Test
    void aWrongSecretIsRefused() {
        start(builder -> { });
        Response response = RawHttp.post(endpoint, LIST_TABLES, "{}", Signing.as(emulator)
                .secretAccessKey("not-the-secret"));
        assertError(response, 400, "com.amazon.coral.service#InvalidSignatureException", MISMATCH);
    }

    @Test
    void anUnknownAccessKeyIsRefused() {
        start(builder -> { });
        Response response = RawHttp.post(endpoint, LIST_TABLES, "{}", Signing.as(emulator)
                .accessKeyId("AKIAOTHERKEY00000000"));
        assertError(response, 400, "com.amazon.coral.service#UnrecognizedClientException",
                "The security token included in the request is invalid.");
    }

    @Test
    void aWrongRegionOrServiceInTheScopeIsRefused() {
        start(builder -> { });
        assertError(RawHttp.post(endpoint, LIST_TABLES, "{}", Signing.as(emulator).region("eu-west-1")), 400,
                "com.amazon.coral.service#InvalidSignatureException",
                "Credential should be scoped to a valid region, not 'eu-west-1'.");
        assertError(RawHttp.post(endpoint, LIST_TABLES, "{}", Signing.as(emulator).service("s3")), 400,
                "com.amazon.coral.service#InvalidSignatureException",
                "Credential should be scoped to correct service: 'dynamodb'.");
    }

    @Test
    void aMissingAuthorizationHeaderIsRefused() {
        start(builder -> { });
        Map<String, String> headers = signed("ListTables", "{}", Signing.as(emulator));
        headers.remove("Authorization");
        assertError(send(headers, "{}"), 400, "com.amazon.coral.service#MissingAuthenticationTokenException",
                "Request is missing Authentication Token");
    }

    @Test
    void aMalformedAuthorizationHeaderIsRefused() {
        start(builder -> { });
        Map<String, String> headers = signed("ListTables", "{}", Signing.as(emulator));
        headers.put("Authorization", "AWS4-HMAC-SHA256 Credential=" + emulator.accessKeyId()
                + "/20250101/us-east-1/dynamodb/aws4_request");
        assertError(send(headers, "{}"), 400, "com.amazon.coral.service#IncompleteSignatureException",
                "Authorization header requires 'SignedHeaders' parameter. Authorization header requires"
                        + " 'Signature' parameter.");

        headers.put("Authorization", "Bearer some-token");
        assertError(send(headers, "{}"), 400, "com.amazon.coral.service#IncompleteSignatureException",
                "Unsupported AWS 'algorithm'");

        Map<String, String> withoutHost = signed("ListTables", "{}", Signing.as(emulator));
        withoutHost.put("Authorization", withoutHost.get("Authorization").replace("host;", ""));
        assertError(send(withoutHost, "{}"), 400, "com.amazon.coral.service#InvalidSignatureException",
                "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");

        Map<String, String> missingSigned = signed("ListTables", "{}", Signing.as(emulator));
        missingSigned.remove(JsonProtocol.HEADER_TARGET);
        assertError(send(missingSigned, "{}"), 400, "com.amazon.coral.service#IncompleteSignatureException",
                "'x-amz-target' is named as a SignedHeader, but it does not exist in the HTTP request.");
    }

    @Test
    void withASessionTokenConfiguredOnlyRequestsSigningThatTokenAreServed() {
        start(builder -> builder.sessionToken(TOKEN));
        Response correct = RawHttp.post(endpoint, LIST_TABLES, "{}", Signing.as(emulator));
        assertEquals(200, correct.status(), correct.text());

        Response missing = RawHttp.post(endpoint, LIST_TABLES, "{}", Signing.as(emulator).sessionToken(null));
        assertError(missing, 400, "com.amazon.coral.service#UnrecognizedClientException",
                "The security token included in the request is invalid.");

        Response wrong = RawHttp.post(endpoint, LIST_TABLES, "{}", Signing.as(emulator).sessionToken(TOKEN + "x"));
        assertError(wrong, 400, "com.amazon.coral.service#UnrecognizedClientException",
                "The security token included in the request is invalid.");

        Map<String, String> unsignedToken = signed("ListTables", "{}", Signing.as(emulator).sessionToken(null));
        unsignedToken.put("X-Amz-Security-Token", TOKEN);
        assertError(send(unsignedToken, "{}"), 400, "com.amazon.coral.service#InvalidSignatureException",
                MISMATCH);
        assertNoSecretsLeaked(correct);
        assertEquals(1, emulator.stats().callCount("ListTables"));
    }

    @Test
    void withoutASessionTokenConfiguredARequestCarryingOneIsRefused() {
        start(builder -> { });
        Response response = RawHttp.post(endpoint, LIST_TABLES, "{}", Signing.as(emulator).sessionToken(TOKEN));
        assertError(response, 400, "com.amazon.coral.service#UnrecognizedClientException",
                "The security token included in the request is invalid.");
        assertNoSecretsLeaked(response);
    }

    @Test
    void aRefusedRequestDrawsNoFaultAndIsNoCall() {
        start(builder -> { });
        emulator.faults().script("ListTables", Fault.error(500, "InternalServerError"));
        Response refused = RawHttp.post(endpoint, LIST_TABLES, "{}", Signing.as(emulator).secretAccessKey("x"));
        assertEquals(400, refused.status());
        assertEquals(1, emulator.faults().remaining("ListTables"));
        assertEquals(1, emulator.stats().requestCount("ListTables"));
        assertEquals(0, emulator.stats().callCount("ListTables"));
    }
}
