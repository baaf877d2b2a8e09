package io.github.ddbbackup.emulator;

import io.github.ddbbackup.core.internal.JsonProtocol;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Checks the SigV4 signature of a request as received, the way DynamoDB does, with DynamoDB's error codes and
 * messages. The signature is recomputed by the AWS SDK's own signer ({@link AwsV4HttpSigner}) over the method, the
 * path, the headers named in {@code SignedHeaders} (with the values received) and the body, with the signing clock
 * fixed at the request's {@code X-Amz-Date}; signatures are compared in constant time. No message carries the
 * secret, the session token or a signature.
 */
final class SignatureVerifier {

    /** The largest difference DynamoDB accepts between a request's X-Amz-Date and its own clock. */
    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final String HEADER_DATE = "X-Amz-Date";
    static final String HEADER_SECURITY_TOKEN = "X-Amz-Security-Token";

    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final String TERMINATOR = "aws4_request";
    private static final String INVALID_TOKEN = "The security token included in the request is invalid.";
    private static final String MISMATCH = "The request signature we calculated does not match the signature you"
            + " provided. Check your AWS Secret Access Key and signing method. Consult the service documentation"
            + " for details.";

    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final AwsCredentialsIdentity identity;
    private final Optional<String> sessionToken;
    private final String region;
    private final Clock clock;

    SignatureVerifier(String accessKeyId, String secretAccessKey, Optional<String> sessionToken, String region,
                      Clock clock) {
        this.identity = sessionToken
                .<AwsCredentialsIdentity>map(token -> AwsSessionCredentialsIdentity.create(accessKeyId,
                        secretAccessKey, token))
                .orElseGet(() -> AwsCredentialsIdentity.create(accessKeyId, secretAccessKey));
        this.sessionToken = sessionToken;
        this.region = region;
        this.clock = clock;
    }

    /** The parts of an {@code Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...}. */
    private record Authorization(String accessKeyId, String scopeDate, String scopeRegion, String scopeService,
                                 String scopeTerminator, List<String> signedHeaders, String signature) {
    }

    /**
     * @throws ServiceError MissingAuthenticationTokenException, IncompleteSignatureException,
     *                      UnrecognizedClientException or InvalidSignatureException
     */
    void verify(String method, String path, HttpHeaders headers, byte[] body) {
        verify(method, path, headers, body, JsonProtocol.SIGNING_NAME);
    }

    /** As {@link #verify(String, String, HttpHeaders, byte[])}, for a request signed for {@code service}. */
    void verify(String method, String path, HttpHeaders headers, byte[] body, String service) {
        String header = headers.get("Authorization");
        if (header == null) {
            throw new ServiceError(400, "MissingAuthenticationTokenException",
                    "Request is missing Authentication Token");
        }
        Authorization authorization = parse(header);
        String amzDate = headers.get(HEADER_DATE);
        if (amzDate == null) {
            throw incomplete("Authorization header requires existence of a '" + HEADER_DATE + "' header.");
        }
        Instant signedAt;
        try {
            signedAt = AMZ_DATE.parse(amzDate, Instant::from);
        } catch (DateTimeParseException e) {
            throw incomplete(HEADER_DATE + " must be in the ISO 8601 basic format yyyyMMdd'T'HHmmss'Z'.");
        }
        if (!identity.accessKeyId().equals(authorization.accessKeyId())) {
            throw new ServiceError(400, "UnrecognizedClientException", INVALID_TOKEN);
        }
        checkScope(authorization, amzDate, service);
        checkClockSkew(signedAt);
        checkSessionToken(headers.get(HEADER_SECURITY_TOKEN));
        checkSignedHeaders(authorization.signedHeaders(), headers);
        String expected = recompute(method, path, headers, body, authorization.signedHeaders(), signedAt, service);
        Authorization computed = parse(expected);
        boolean same = computed.signedHeaders().equals(authorization.signedHeaders())
                & MessageDigest.isEqual(computed.signature().getBytes(StandardCharsets.US_ASCII),
                authorization.signature().getBytes(StandardCharsets.US_ASCII));
        if (!same) {
            throw invalid(MISMATCH);
        }
    }

    private static Authorization parse(String header) {
        String value = header.trim();
        int space = value.indexOf(' ');
        String algorithm = space < 0 ? value : value.substring(0, space);
        if (!ALGORITHM.equals(algorithm)) {
            throw incomplete("Unsupported AWS 'algorithm': the Authorization header must start with " + ALGORITHM
                    + ".");
        }
        Map<String, String> parameters = new HashMap<>();
        for (String component : value.substring(space + 1).split(",")) {
            String trimmed = component.trim();
            int equals = trimmed.indexOf('=');
            if (equals < 0) {
                throw incomplete("A component of the Authorization header is not a valid key=value pair (missing"
                        + " equal-sign).");
            }
            parameters.put(trimmed.substring(0, equals), trimmed.substring(equals + 1));
        }
        StringBuilder missing = new StringBuilder();
        for (String required : List.of("Credential", "SignedHeaders", "Signature")) {
            if (!parameters.containsKey(required)) {
                missing.append(missing.isEmpty() ? "" : " ")
                        .append("Authorization header requires '").append(required).append("' parameter.");
            }
        }
        if (!missing.isEmpty()) {
            throw incomplete(missing.toString());
        }
        String[] credential = parameters.getOrDefault("Credential", "").split("/", -1);
        if (credential.length != 5) {
            throw incomplete("Credential must have exactly 5 slash-delimited elements, e.g."
                    + " keyid/date/region/service/term.");
        }
        return new Authorization(credential[0], credential[1], credential[2], credential[3], credential[4],
                List.of(parameters.getOrDefault("SignedHeaders", "").split(";", -1)),
                parameters.getOrDefault("Signature", ""));
    }

    private void checkScope(Authorization authorization, String amzDate, String service) {
        if (!TERMINATOR.equals(authorization.scopeTerminator())) {
            throw invalid("Credential should be scoped with a valid terminator: '" + TERMINATOR + "', not '"
                    + authorization.scopeTerminator() + "'.");
        }
        if (!service.equals(authorization.scopeService())) {
            throw invalid("Credential should be scoped to correct service: '" + service + "'.");
        }
        if (!region.equals(authorization.scopeRegion())) {
            throw invalid("Credential should be scoped to a valid region, not '" + authorization.scopeRegion()
                    + "'.");
        }
        String day = amzDate.substring(0, 8);
        if (!day.equals(authorization.scopeDate())) {
            throw invalid("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from"
                    + " HTTP: '" + authorization.scopeDate() + "' != '" + day + "', from '"
                    + HEADER_DATE.toLowerCase(Locale.ROOT) + "'.");
        }
    }

    private void checkClockSkew(Instant signedAt) {
        Instant now = clock.instant();
        if (signedAt.isBefore(now.minus(MAX_CLOCK_SKEW))) {
            throw invalid("Signature expired: " + AMZ_DATE.format(signedAt) + " is now earlier than "
                    + AMZ_DATE.format(now.minus(MAX_CLOCK_SKEW)) + " (" + AMZ_DATE.format(now) + " - 5 min.)");
        }
        if (signedAt.isAfter(now.plus(MAX_CLOCK_SKEW))) {
            throw invalid("Signature not yet current: " + AMZ_DATE.format(signedAt) + " is still later than "
                    + AMZ_DATE.format(now.plus(MAX_CLOCK_SKEW)) + " (" + AMZ_DATE.format(now) + " + 5 min.)");
        }
    }

    private void checkSessionToken(String received) {
        boolean valid = sessionToken
                .map(expected -> received != null && MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8), received.getBytes(StandardCharsets.UTF_8)))
                .orElse(received == null);
        if (!valid) {
            throw new ServiceError(400, "UnrecognizedClientException", INVALID_TOKEN);
        }
    }

    private static void checkSignedHeaders(List<String> signedHeaders, HttpHeaders headers) {
        if (!signedHeaders.contains("host")) {
            throw invalid("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }
        for (String name : signedHeaders) {
            if (!headers.contains(name)) {
                throw incomplete("'" + name + "' is named as a SignedHeader, but it does not exist in the HTTP"
                        + " request.");
            }
        }
    }

    private String recompute(String method, String path, HttpHeaders headers, byte[] body,
                             List<String> signedHeaders, Instant signedAt, String service) {
        String host = headers.get("Host");
        SdkHttpRequest.Builder request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(method))
                .protocol("http")
                .host(hostName(host))
                .encodedPath(path);
        for (String name : signedHeaders) {
            // The signer adds these two itself: the date from its clock, the token from the identity.
            if (!name.equalsIgnoreCase(HEADER_DATE) && !name.equalsIgnoreCase(HEADER_SECURITY_TOKEN)) {
                request.putHeader(name.equals("host") ? "Host" : name, new ArrayList<>(headers.getAll(name)));
            }
        }
        return signer.sign(sign -> sign
                        .identity(identity)
                        .request(request.build())
                        .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, service)
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)))
                .request()
                .firstMatchingHeader("Authorization")
                .orElseThrow(() -> new IllegalStateException("the signer produced no Authorization header"));
    }

    /** The host part of a Host header; only used to build a valid request, the header itself is what is signed. */
    private static String hostName(String host) {
        if (host == null || host.isEmpty()) {
            return "localhost";
        }
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end > 0 ? host.substring(0, end + 1) : "localhost";
        }
        int colon = host.indexOf(':');
        return colon >= 0 ? host.substring(0, colon) : host;
    }

    private static ServiceError incomplete(String message) {
        return new ServiceError(400, "IncompleteSignatureException", message);
    }

    private static ServiceError invalid(String message) {
        return new ServiceError(400, "InvalidSignatureException", message);
    }
}
