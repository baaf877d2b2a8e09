package io.github.ddbbackup.reactor;

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
     * Accepts http(s) URLs with a host, no user info, no query or fragment, and no path beyond {@code /}. Plain http is
     * accepted only for loopback hosts unless explicitly allowed: requests carry credentials' signatures and data.
     */
    static URI validate(String source, String value, boolean allowInsecureHttp) {
        // Redacted before any check: a URL that does not parse may still carry a key or password.
        String shown = UrlRedaction.withoutUserInfo(value);
        URI uri;
        try {
            uri = new URI(value);
        } catch (java.net.URISyntaxException e) {
            throw invalid(source, shown, "must be a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"https".equals(scheme) && !"http".equals(scheme)) {
            throw invalid(source, shown, "scheme must be http or https");
        }
        if (uri.getRawUserInfo() != null) {
            throw invalid(source, shown, "must not contain user info");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw invalid(source, shown, "must name a host");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid(source, shown, "must not have a query or fragment");
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
            throw invalid(source, shown, "must not have a path (DynamoDB is served at /)");
        }
        if ("http".equals(scheme) && !allowInsecureHttp && !isLoopback(uri.getHost())) {
            throw invalid(source, shown,
                    "plain http is accepted only for loopback hosts; use https or allowInsecureHttp(true)");
        }
        return URI.create(scheme + "://" + uri.getRawAuthority());
    }

    /** Loopback by its literal form only: no DNS lookup at build time. */
    static boolean isLoopback(String host) {
        return LoopbackHosts.isLoopback(host);
    }

    private static IllegalArgumentException invalid(String source, String value, String rule) {
        return new IllegalArgumentException("endpoint (" + source + "): \"" + value + "\" " + rule);
    }

    private static @Nullable String nonBlank(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
