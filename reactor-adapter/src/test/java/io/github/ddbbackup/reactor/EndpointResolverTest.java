package io.github.ddbbackup.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.reactor.internal.RequestSigner;
import io.github.ddbbackup.core.InvalidOptionException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.regions.Region;

class EndpointResolverTest {

    static URI resolve(URI override, Map<String, String> env, String profileEndpoint) {
        return EndpointResolver.resolve(override, Region.EU_WEST_1, env::get,
                () -> Optional.ofNullable(profileEndpoint), false);
    }

    @Test
    void followsTheSdkOrder() {
        Map<String, String> both = Map.of("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:1",
                "AWS_ENDPOINT_URL", "http://127.0.0.1:2");
        assertEquals(URI.create("http://127.0.0.1:9"), resolve(URI.create("http://127.0.0.1:9"), both, null));
        assertEquals(URI.create("http://127.0.0.1:1"), resolve(null, both, "http://127.0.0.1:3"));
        assertEquals(URI.create("http://127.0.0.1:2"), resolve(null, Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:2"),
                "http://127.0.0.1:3"));
        assertEquals(URI.create("http://127.0.0.1:3"), resolve(null, Map.of(), "http://127.0.0.1:3"));
        assertEquals(URI.create("https://dynamodb.eu-west-1.amazonaws.com"), resolve(null, Map.of(), null));
    }

    @Test
    void regionalEndpointFollowsThePartition() {
        assertEquals(URI.create("https://dynamodb.cn-north-1.amazonaws.com.cn"), EndpointResolver.resolve(null,
                Region.CN_NORTH_1, k -> null, Optional::empty, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://127.0.0.1", "127.0.0.1:8000", "http://user:pw@127.0.0.1:8000",
            "https://dynamodb.example.com/path", "https://dynamodb.example.com/?a=b", "http://dynamodb.example.com"})
    void badEndpointsFailAtBuildTimeWithAClearMessage(String endpoint) {
        InvalidOptionException e = assertThrows(InvalidOptionException.class,
                () -> EndpointResolver.validate("endpointOverride", endpoint, false));
        assertEquals("endpointOverride", e.option());
        assertTrue(e.getMessage().startsWith("endpointOverride: \"" + e.value() + "\" violates "), e.getMessage());
        assertFalse(e.value().contains("pw@"), "user info is never kept");
        assertFalse(e.getMessage().contains("pw@"), "user info is never echoed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://AKIAEXAMPLE:wJalrSECRET@bad_host.example", "https://AKIAEXAMPLE:wJalr SECRET@host",
            "https://AKIAEXAMPLE:wJalr/SECRET@dynamodb.example.com", "ftp://AKIAEXAMPLE:wJalrSECRET@host",
            "https://AKIAEXAMPLE:wJalrSECRET@host/path?q"})
    void userInfoIsRedactedBeforeAnyOtherCheckWhereverTheEndpointComesFrom(String endpoint) {
        IllegalArgumentException fromEnvironment = assertThrows(IllegalArgumentException.class,
                () -> resolve(null, Map.of("AWS_ENDPOINT_URL", endpoint), null));
        IllegalArgumentException fromProfile = assertThrows(IllegalArgumentException.class,
                () -> resolve(null, Map.of(), endpoint));
        for (IllegalArgumentException e : java.util.List.of(fromEnvironment, fromProfile)) {
            assertFalse(e.getMessage().contains("SECRET") || e.getMessage().contains("AKIAEXAMPLE"), e.getMessage());
            assertTrue(e.getMessage().contains("<redacted>@"), e.getMessage());
        }
        assertEquals("AWS_ENDPOINT_URL", ((InvalidOptionException) fromEnvironment).option());
    }

    @Test
    void plainHttpIsAcceptedForLoopbackOrWhenAllowed() {
        assertEquals(URI.create("http://localhost:8000"), resolve(URI.create("http://localhost:8000"), Map.of(), null));
        assertEquals(URI.create("http://[::1]:8000"), resolve(URI.create("http://[::1]:8000"), Map.of(), null));
        assertEquals(URI.create("http://ddb.internal:8000"), EndpointResolver.resolve(
                URI.create("http://ddb.internal:8000"), Region.EU_WEST_1, k -> null, Optional::empty, true));
    }

    @Test
    void hostHeaderCarriesOnlyNonDefaultPorts() {
        assertEquals("127.0.0.1:8000", RequestSigner.hostHeader(URI.create("http://127.0.0.1:8000")));
        assertEquals("dynamodb.eu-west-1.amazonaws.com",
                RequestSigner.hostHeader(URI.create("https://dynamodb.eu-west-1.amazonaws.com:443")));
    }
}
