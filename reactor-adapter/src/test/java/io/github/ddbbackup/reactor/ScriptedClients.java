package io.github.ddbbackup.reactor;

import java.net.URI;
import reactor.core.scheduler.Schedulers;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** Clients of the unit tests: assembled by {@link DynamoDbBackupClientBuilder#build()} over a transport without network. */
final class ScriptedClients {

    /** Where the scripted clients believe they send: only signed for, never connected to. */
    static final URI ENDPOINT = URI.create("http://127.0.0.1:8000");

    private ScriptedClients() {
    }

    /**
     * A builder whose client sends through {@code exchange}, signing for {@link #ENDPOINT} in us-east-1 with static
     * keys resolved on the caller's thread (so that a call runs on virtual time from its subscription).
     */
    static DynamoDbBackupClientBuilder builder(Exchange exchange) {
        return DynamoDbBackupClient.builder()
                .region("us-east-1")
                .endpointOverride(ENDPOINT)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
                .credentialsScheduler(Schedulers.immediate())
                .exchange(exchange);
    }
}
