package io.github.ddbbackup.spring.autoconfigure.test;

import io.github.ddbbackup.emulator.DynamoDbEmulator;
import io.github.ddbbackup.reactor.DynamoDbBackupClientBuilder;
import io.github.ddbbackup.spring.autoconfigure.DynamoDbBackupClientBuilderCustomizer;
import org.springframework.core.Ordered;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Sets the emulator's endpoint, region and keys on the client's builder. Ordered last, so that in a test the
 * emulator wins over the application's production settings (a credentials customizer, an endpoint).
 */
final class EmulatorCustomizer implements DynamoDbBackupClientBuilderCustomizer, Ordered {

    private final DynamoDbEmulator emulator;

    EmulatorCustomizer(DynamoDbEmulator emulator) {
        this.emulator = emulator;
    }

    @Override
    public void customize(DynamoDbBackupClientBuilder builder) {
        AwsCredentials keys = emulator.sessionToken()
                .<AwsCredentials>map(token -> AwsSessionCredentials.create(emulator.accessKeyId(),
                        emulator.secretAccessKey(), token))
                .orElseGet(() -> AwsBasicCredentials.create(emulator.accessKeyId(), emulator.secretAccessKey()));
        builder.endpointOverride(emulator.endpoint())
                .region(emulator.region())
                .credentialsProvider(StaticCredentialsProvider.create(keys));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
