package io.github.ddbbackup.emulator;

import static io.github.ddbbackup.emulator.SdkClients.await;
import static io.github.ddbbackup.emulator.SdkClients.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsAsyncClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/** The official AWS SDK v2 STS client asks the emulator who it is: the emulator's account, in AWS's XML. */
class CallerIdentityTest extends WithSdkHttpClient {

    private DynamoDbEmulator emulator;

    @AfterEach
    void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void stsClientReadsTheConfiguredAccountFromGetCallerIdentity() {
        emulator = DynamoDbEmulator.builder().port(0).accountId("210987654321").build();
        emulator.start();

        try (StsAsyncClient sts = sts(emulator.secretAccessKey())) {
            GetCallerIdentityResponse identity = await(sts.getCallerIdentity());

            assertEquals("210987654321", identity.account());
            assertEquals("arn:aws:iam::210987654321:user/ddb-backup-emulator", identity.arn());
        }
        assertEquals(1, emulator.stats().requestCount("GetCallerIdentity"));
    }

    @Test
    void aWrongSecretIsRefusedAsStsRefusesIt() {
        emulator = DynamoDbEmulator.builder().port(0).build();
        emulator.start();

        try (StsAsyncClient sts = sts("not-the-secret")) {
            StsException refused = failure(sts.getCallerIdentity(), StsException.class);

            assertEquals(400, refused.statusCode());
            assertEquals("SignatureDoesNotMatch", refused.awsErrorDetails().errorCode());
        }
    }

    private StsAsyncClient sts(String secret) {
        return StsAsyncClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.of(emulator.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(emulator.accessKeyId(), secret)))
                .httpClient(http)
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallTimeout(SdkClients.TIMEOUT)
                        .addExecutionInterceptor(SdkClients.ONE_CONNECTION_PER_REQUEST))
                .build();
    }
}
