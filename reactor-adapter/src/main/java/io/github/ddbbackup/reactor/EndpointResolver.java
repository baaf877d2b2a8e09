package io.github.ddbbackup.reactor;

import io.github.ddbbackup.core.InvalidOptionException;
import io.github.ddbbackup.core.internal.LoopbackHosts;
import io.github.ddbbackup.core.internal.UrlRedaction;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;

/**
 * Where requests go: the builder's endpoint, else {@code AWS_ENDPOINT_URL_DYNAMODB}, else {@code AWS_ENDPOINT_URL},
 * else the profile's {@code endpoint_url}, else DynamoDB's regional https endpoint for the region's partition. The
 * same order as the AWS SDK. Runs at build time (the profile is a file read), never on an event loop.
 */
final class EndpointResolver {

    /** The rule a plain http endpoint to another host breaks. */
    static final String PLAIN_HTTP_RULE =
            "https (plain http is accepted only for loopback hosts, or with allowInsecureHttp(true))";

    private EndpointResolver() {
    }

    static URI resolve(@Nullable URI override, Region region, Function<String, String> environment,
                       Supplier<Optional<String>> profileEndpoint, boolean allowInsecureHttp) {
        if (override != null) {
            return validate("endpointOverride", override.toString(), allowInsecureHttp);
        }
        String fromEnv = nonBlank(environment.apply("AWS_ENDPOINT_URL_DYNAMODB"));
        if (fromEnv != null) {
            return validate("AWS_ENDPOINT_URL_DYNAMODB", fromEnv, allowInsecureHttp);
        }
        fromEnv = nonBlank(environment.apply("AWS_ENDPOINT_URL"));
        if (fromEnv != null) {
            return validate("AWS_ENDPOINT_URL", fromEnv, allowInsecureHttp);
        }
        Optional<String> fromProfile = profileEndpoint.get().map(EndpointResolver::nonBlank);
        if (fromProfile.isPresent()) {
            return validate("profile endpoint_url", fromProfile.get(), allowInsecureHttp);
        }
        String dnsSuffix = PartitionMetadata.of(region).dnsSuffix();
        return URI.create("https://dynamodb." + region.id() + "." + dnsSuffix);
    }

    /**
     * Where another AWS service of the same region is asked: DynamoDB's regional endpoint becomes that service's
     * ({@code https://<service>.<region>.<dns suffix>}); any other endpoint (a local emulator, a proxy) is asked
     * itself, as the AWS SDK asks an overridden endpoint.
     */
    static URI sibling(URI dynamoDbEndpoint, Region region, String service) {
        String dnsSuffix = PartitionMetadata.of(region).dnsSuffix();
        return ("dynamodb." + region.id() + "." + dnsSuffix).equalsIgnoreCase(dynamoDbEndpoint.getHost())
                ? URI.create("https://" + service + "." + region.id() + "." + dnsSuffix)
                : dynamoDbEndpoint;
    }

    /**
     * Accepts http(s) URLs with a host, no user info, no query or fragment, and no path beyond {@code /}. Plain http is
     * accepted only for loopback hosts unless explicitly allowed: requests carry credentials' signatures and data.
     *
     * @throws InvalidOptionException with {@code source} as the option and the URL without its user info as the value
     */
    static URI validate(String source, String value, boolean allowInsecureHttp) {
        // Redacted before any check: a URL that does not parse may still carry a key or password.
        String shown = UrlRedaction.withoutUserInfo(value);
        URI uri;
        try {
            uri = new URI(value);
        } catch (java.net.URISyntaxException e) {
            throw new InvalidOptionException(source, shown, "a valid URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"https".equals(scheme) && !"http".equals(scheme)) {
            throw new InvalidOptionException(source, shown, "scheme http or https");
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidOptionException(source, shown, "no user info");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new InvalidOptionException(source, shown, "a host");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new InvalidOptionException(source, shown, "no query or fragment");
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
            throw new InvalidOptionException(source, shown, "no path (DynamoDB is served at /)");
        }
        if ("http".equals(scheme) && !allowInsecureHttp && !isLoopback(uri.getHost())) {
            throw new InvalidOptionException(source, shown, PLAIN_HTTP_RULE);
        }
        return URI.create(scheme + "://" + uri.getRawAuthority());
    }

    /** Loopback by its literal form only: no DNS lookup at build time. */
    static boolean isLoopback(String host) {
        return LoopbackHosts.isLoopback(host);
    }

    private static @Nullable String nonBlank(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
