package io.github.ddbbackup.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.emulator.DynamoDbEmulator;
import io.github.ddbbackup.core.error.ErrorResponseException;
import io.github.ddbbackup.core.error.InvalidSignatureException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.netty.resources.ConnectionPoolMetrics;
import software.amazon.awssdk.regions.Region;

/** {@link DynamoDbBackupClient#callerAccountId()}: STS GetCallerIdentity, here answered by the emulator. */
class CallerAccountTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private DynamoDbEmulator emulator;

    @BeforeEach
    void start() {
        emulator = DynamoDbEmulator.builder().accountId("210987654321").build();
        emulator.start();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void callerAccountIdIsTheAccountStsNamesInOneCall() {
        try (DynamoDbBackupClient client = EmulatorClients.builder(emulator, new AtomicReference<>()).build()) {
            assertEquals("210987654321", client.callerAccountId().block(TIMEOUT));
        }
        assertEquals(1, emulator.stats().requestCount("GetCallerIdentity"));
    }

    @Test
    void refusedCredentialsAreAnErrorNamingStsAndItsCode() {
        AtomicReference<ConnectionPoolMetrics> pool = new AtomicReference<>();
        try (DynamoDbBackupClient client = EmulatorClients.builder(emulator, DynamoDbEmulator.DEFAULT_ACCESS_KEY_ID,
                "not-the-secret", pool).build()) {
            // STS's own code for a wrong signature is DynamoDB's InvalidSignatureException, an AuthRefused.
            InvalidSignatureException refused = assertThrows(InvalidSignatureException.class,
                    () -> client.callerAccountId().block(TIMEOUT));
            assertEquals(ErrorResponseException.Category.AUTH_REFUSED, refused.category());
            assertTrue(refused.errorMessage().startsWith("STS GetCallerIdentity at " + emulator.endpoint()
                    + "/ refused: "), refused.errorMessage());
        }
    }

    @Test
    void dynamoDbsRegionalEndpointAsksStsOfTheRegionAnyOtherEndpointIsAskedItself() {
        assertEquals(URI.create("https://sts.eu-west-1.amazonaws.com"),
                CallerAccount.endpointFor(URI.create("https://dynamodb.eu-west-1.amazonaws.com"),
                        Region.EU_WEST_1));
        assertEquals(URI.create("https://sts.cn-north-1.amazonaws.com.cn"),
                CallerAccount.endpointFor(URI.create("https://dynamodb.cn-north-1.amazonaws.com.cn"),
                        Region.CN_NORTH_1));
        assertEquals(URI.create("http://127.0.0.1:8000"),
                CallerAccount.endpointFor(URI.create("http://127.0.0.1:8000"), Region.EU_WEST_1));
    }
}
