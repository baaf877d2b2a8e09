package io.github.ddbbackup.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.core.error.CredentialsUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.utils.StringInputStream;

/**
 * A provider that finds no credentials fails the call with the library's {@link CredentialsUnavailableException}, not
 * the AWS SDK's {@code SdkClientException}: where credentials were looked for in the message, the SDK's failure as the
 * cause, nothing sent, not retried.
 */
class MissingCredentialsTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    /** No request is expected: any that arrives fails the test. */
    @RegisterExtension
    final ScriptedExchange server = new ScriptedExchange();

    @Test
    void aProfileWithoutKeysFailsTheCallTypedNamingTheProviderWithTheSdkFailureAsCause() {
        ProfileFile withoutKeys = ProfileFile.builder().type(ProfileFile.Type.CREDENTIALS)
                .content(new StringInputStream("[backup]\nregion = eu-west-1\n")).build();
        DynamoDbBackupClient client = ScriptedClients.builder(server).credentialsProvider(
                ProfileCredentialsProvider.builder().profileFile(withoutKeys).profileName("backup").build()).build();

        CredentialsUnavailableException e = failure(client);

        assertEquals("no AWS credentials from the credentials provider ProfileCredentialsProvider; nothing was sent",
                e.getMessage());
        assertEquals("the credentials provider ProfileCredentialsProvider", e.source());
        assertInstanceOf(SdkClientException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("backup"), "the SDK's own reason, kept: " + e.getCause());
        assertEquals(List.of(), server.sent());
    }

    @Test
    void theProvidersOwnMessageStaysInTheCauseAndTheFailureIsNotRetried() {
        AtomicInteger resolutions = new AtomicInteger();
        SdkClientException refused = SdkClientException.create("token file says secret-value-123 is expired");
        AwsCredentialsProvider provider = () -> {
            resolutions.incrementAndGet();
            throw refused;
        };
        DynamoDbBackupClient client = ScriptedClients.builder(server).credentialsProvider(provider)
                .retryPolicy(RetryPolicy.DEFAULT).build();

        CredentialsUnavailableException e = failure(client);

        assertEquals("no AWS credentials from the credentials provider declared in MissingCredentialsTest;"
                + " nothing was sent", e.getMessage(), "a lambda is named by where it was written");
        assertFalse(e.getMessage().contains("secret-value-123"));
        assertSame(refused, e.getCause());
        assertFalse(e.isRetryable());
        assertEquals(1, resolutions.get(), "one resolution: the client's retries leave it alone");
        assertEquals(List.of(), server.sent());
    }

    @Test
    void checkCredentialsSaysWhetherACallCouldBeSignedWithoutSendingAnything() {
        AtomicInteger resolutions = new AtomicInteger();
        AwsCredentialsProvider refusing = () -> {
            resolutions.incrementAndGet();
            throw SdkClientException.create("no keys here");
        };
        StepVerifier.create(ScriptedClients.builder(server).credentialsProvider(refusing).build().checkCredentials())
                .expectErrorSatisfies(e -> assertEquals("the credentials provider declared in MissingCredentialsTest",
                        assertInstanceOf(CredentialsUnavailableException.class, e).source()))
                .verify(WAIT);
        assertEquals(1, resolutions.get());
        StepVerifier.create(ScriptedClients.builder(server).build().checkCredentials()).verifyComplete();
        assertEquals(List.of(), server.sent());
    }

    @Test
    void theDefaultChainIsNamedWithItsProvidersAndProfileInOneLine() {
        String chain = CredentialsCache.defaultChain("prod");

        assertEquals("the AWS default chain (system properties, environment, web identity token file, profile"
                + " \"prod\", container, instance metadata)", chain);
    }

    private static CredentialsUnavailableException failure(DynamoDbBackupClient client) {
        try {
            Throwable error = client.createBackup("orders", "orders-1")
                    .then(Mono.<Throwable>empty())
                    .onErrorResume(Mono::just)
                    .block(WAIT);
            return assertInstanceOf(CredentialsUnavailableException.class, error);
        } finally {
            client.close();
        }
    }
}
