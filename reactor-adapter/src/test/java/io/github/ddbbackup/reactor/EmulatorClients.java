package io.github.ddbbackup.reactor;

import io.github.ddbbackup.emulator.DynamoDbEmulator;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicReference;
import reactor.netty.resources.ConnectionPoolMetrics;
import reactor.netty.resources.ConnectionProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** Clients of the network tests: against an emulator, their connection pool watched through {@code pool}. */
final class EmulatorClients {

    private EmulatorClients() {
    }

    /** A builder for {@code emulator}, signing with the given keys; the client's pool metrics go into {@code pool}. */
    static DynamoDbBackupClientBuilder builder(DynamoDbEmulator emulator, String accessKeyId, String secret,
                                               AtomicReference<ConnectionPoolMetrics> pool) {
        return builder(emulator, accessKeyId, secret)
                .poolMetrics(new ConnectionProvider.MeterRegistrar() {
                    @Override
                    public void registerMetrics(String poolName, String id, SocketAddress remote,
                                                ConnectionPoolMetrics metrics) {
                        pool.set(metrics);
                    }
                });
    }

    /** A builder for {@code emulator}, signing with the given keys; its pool is watched as the builder says. */
    static DynamoDbBackupClientBuilder builder(DynamoDbEmulator emulator, String accessKeyId, String secret) {
        return DynamoDbBackupClient.builder()
                .region("us-east-1")
                .endpointOverride(emulator.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)));
    }

    /** As above, with the emulator's default keys. */
    static DynamoDbBackupClientBuilder builder(DynamoDbEmulator emulator, AtomicReference<ConnectionPoolMetrics> pool) {
        return builder(emulator, DynamoDbEmulator.DEFAULT_ACCESS_KEY_ID, DynamoDbEmulator.DEFAULT_SECRET_ACCESS_KEY,
                pool);
    }
}
