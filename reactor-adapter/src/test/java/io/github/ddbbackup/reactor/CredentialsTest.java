package io.github.ddbbackup.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.emulator.DynamoDbEmulator;
import io.github.ddbbackup.emulator.DynamoDbEmulatorExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileFileSupplier;

/**
 * Credential providers that read files or call an endpoint, resolved by the client under BlockHound: resolution must
 * run off the event loop, and concurrent calls share it.
 */
class CredentialsTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    /** Each test starts an emulator that knows the keys its provider gives. */
    @RegisterExtension
    final DynamoDbEmulatorExtension dynamoDb = DynamoDbEmulatorExtension.onDemand();

    static void backUpThroughEmulator(DynamoDbEmulator emulator, IdentityProvider<? extends AwsCredentialsIdentity> p) {
        backUpThroughEmulator(emulator, p, () -> { });
    }

    /** As above; {@code beforeCalls} runs after the client is built, before its first call. */
    static void backUpThroughEmulator(DynamoDbEmulator emulator, IdentityProvider<? extends AwsCredentialsIdentity> p,
                                      Runnable beforeCalls) {
        emulator.createTables("t-", 20);
        DynamoDbBackupClient client = DynamoDbBackupClient.builder().region("us-east-1")
                .endpointOverride(emulator.endpoint()).credentialsProvider(p).build();
        try {
            beforeCalls.run();
            // 20 concurrent calls on Netty threads: none may block while credentials are resolved.
            long created = Flux.range(0, 20).flatMap(i -> client.createBackup("t-" + String.format("%02d", i), "b-" + i))
                    .count().block(WAIT);
            assertEquals(20, created);
        } finally {
            client.close();
        }
    }

    @Test
    void profileFileIsReadDuringTheCallOffTheEventLoopOnceForConcurrentCalls(@TempDir Path dir) {
        Path credentials = dir.resolve("credentials");
        // The SDK's supplier reads the file when the provider asks for it, i.e. while a call resolves credentials;
        // each read is recorded with the thread that did it.
        Supplier<ProfileFile> fromDisk = ProfileFileSupplier.reloadWhenModified(credentials,
                ProfileFile.Type.CREDENTIALS);
        List<String> readers = new CopyOnWriteArrayList<>();
        ProfileCredentialsProvider provider = ProfileCredentialsProvider.builder()
                .profileFile(() -> {
                    readers.add(Thread.currentThread().getName()
                            + (Schedulers.isInNonBlockingThread() ? " (non-blocking)" : ""));
                    return fromDisk.get();
                })
                .profileName("backup").build();
        DynamoDbEmulator emulator = dynamoDb.start(settings -> settings.credentials("AKIAPROFILE000000000",
                "profile-secret"));
        backUpThroughEmulator(emulator, provider, () -> {
            assertEquals(List.of(), readers, "nothing read before the first call");
            write(credentials, "[backup]\naws_access_key_id = AKIAPROFILE000000000\n"
                    + "aws_secret_access_key = profile-secret\n");
        });
        assertEquals(1, readers.size(), "20 concurrent calls shared one resolution: " + readers);
        assertTrue(readers.get(0).startsWith("boundedElastic-"), "read on the blocking-capable scheduler, not "
                + readers.get(0));
    }

    static void write(Path file, String content) {
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void containerCredentialsEndpointOnLoopback() {
        AtomicInteger fetched = new AtomicInteger();
        String body = "{\"AccessKeyId\":\"ASIACONTAINER0000000\",\"SecretAccessKey\":\"container-secret\","
                + "\"Token\":\"container-session-token\",\"Expiration\":\"" + Instant.now().plus(Duration.ofHours(1))
                + "\"}";
        DisposableServer metadata = HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes.get("/creds", (request, response) -> {
                    fetched.incrementAndGet();
                    return response.header("Content-Type", "application/json").sendString(Mono.just(body));
                }))
                .bindNow(WAIT);
        String property = "aws.containerCredentialsFullUri";
        System.setProperty(property, "http://127.0.0.1:" + metadata.port() + "/creds");
        try {
            backUpThroughEmulator(dynamoDb.start(settings -> settings
                            .credentials("ASIACONTAINER0000000", "container-secret")
                            .sessionToken("container-session-token")),
                    ContainerCredentialsProvider.builder().build());
            assertEquals(1, fetched.get(), "20 concurrent calls shared one resolution");
        } finally {
            System.clearProperty(property);
            metadata.disposeNow(WAIT);
        }
    }
}
