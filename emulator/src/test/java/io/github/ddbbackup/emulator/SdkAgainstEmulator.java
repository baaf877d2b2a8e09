package io.github.ddbbackup.emulator;

import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * Tests of the AWS SDK's async client against an emulator each test starts with its own settings, on the test's
 * {@link MutableClock}: nothing sleeps.
 */
abstract class SdkAgainstEmulator extends WithSdkHttpClient {

    final MutableClock clock = new MutableClock();
    /** Each test starts the emulator it needs, on the test's clock. */
    @RegisterExtension
    final DynamoDbEmulatorExtension dynamoDb = DynamoDbEmulatorExtension.onDemand(settings -> settings.clock(clock));
    DynamoDbEmulator emulator;
    DynamoDbAsyncClient client;

    void start(Consumer<DynamoDbEmulator.Builder> configuration) {
        emulator = dynamoDb.start(configuration);
        client = SdkClients.client(emulator, http);
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
    }
}
