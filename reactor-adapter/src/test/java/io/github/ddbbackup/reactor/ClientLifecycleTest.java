package io.github.ddbbackup.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.emulator.DynamoDbEmulator;
import io.netty.channel.Channel;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.resources.ConnectionPoolMetrics;
import reactor.netty.resources.ConnectionProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * {@link DynamoDbBackupClient#closeLater()} releases what the client created, and only that, and completes once it is
 * released; {@link DynamoDbBackupClient#close()} never blocks (BlockHound watches every test here).
 */
class ClientLifecycleTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private DynamoDbEmulator emulator;
    /** Every connection the client opened. */
    private final Queue<Channel> channels = new ConcurrentLinkedQueue<>();
    /** Pools of the client's own provider that Reactor Netty removed, one per remote address. */
    private final AtomicInteger poolsRemoved = new AtomicInteger();
    /** The client's own pool for the emulator's address. */
    private final AtomicReference<ConnectionPoolMetrics> pool = new AtomicReference<>();

    @BeforeEach
    void start() {
        emulator = DynamoDbEmulator.builder().build();
        emulator.start();
        emulator.createTable("orders");
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private DynamoDbBackupClientBuilder watched() {
        return DynamoDbBackupClient.builder()
                .region("us-east-1")
                .endpointOverride(emulator.endpoint())
                .httpClientCustomizer(http -> http.doOnConnected(connection -> channels.add(connection.channel())))
                .poolMetrics(new ConnectionProvider.MeterRegistrar() {
                    @Override
                    public void registerMetrics(String poolName, String id, SocketAddress remote,
                                                ConnectionPoolMetrics metrics) {
                        pool.set(metrics);
                    }

                    @Override
                    public void deRegisterMetrics(String poolName, String id, SocketAddress remote) {
                        poolsRemoved.incrementAndGet();
                    }
                });
    }

    /** One call, then its connection back in the pool, idle: what closing must then close. */
    private Channel callAndReturnTheConnection(DynamoDbBackupClient client) {
        assertEquals(List.of("orders"), client.listTables().collectList().block(WAIT));
        EmulatorClientTest.awaitTrue(() -> pool.get() != null && pool.get().idleSize() == 1);
        Channel connection = channels.peek();
        assertTrue(connection.isOpen(), "the call left its connection in the pool");
        return connection;
    }

    private static final class ClosableCredentials implements AwsCredentialsProvider, SdkAutoCloseable {
        final AtomicInteger closed = new AtomicInteger();

        @Override
        public AwsCredentials resolveCredentials() {
            return AwsBasicCredentials.create(DynamoDbEmulator.DEFAULT_ACCESS_KEY_ID,
                    DynamoDbEmulator.DEFAULT_SECRET_ACCESS_KEY);
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    @Test
    void closeLaterCompletesOnceItsOwnPoolIsDisposedAndItsConnectionsClosed() {
        ClosableCredentials given = new ClosableCredentials();
        DynamoDbBackupClient client = watched().credentialsProvider(given).build();
        Channel connection = callAndReturnTheConnection(client);

        client.closeLater().block(WAIT);

        assertFalse(connection.isOpen(), "the pooled connection is closed when closeLater completes");
        assertEquals(1, poolsRemoved.get(), "the client's own pool is disposed when closeLater completes");
        assertEquals(0, given.closed.get(), "a credentials provider the client was given is never closed");
    }

    @Test
    void closingTwiceOrCloseAndCloseLaterReleasesOnce() {
        DynamoDbBackupClient client = watched().credentialsProvider(new ClosableCredentials()).build();
        Channel connection = callAndReturnTheConnection(client);

        client.close();
        client.close();
        client.closeLater().block(WAIT);
        client.closeLater().block(WAIT);

        assertEquals(1, poolsRemoved.get());
        assertFalse(connection.isOpen());
    }

    @Test
    void aPoolTheClientWasGivenIsLeftOpen() {
        ConnectionProvider shared = ConnectionProvider.create("shared-by-the-test", 4);
        try {
            DynamoDbBackupClient client = watched().connectionProvider(shared)
                    .credentialsProvider(new ClosableCredentials()).build();
            assertEquals(List.of("orders"), client.listTables().collectList().block(WAIT));

            client.closeLater().block(WAIT);

            assertFalse(shared.isDisposed(), "the given pool is not the client's to dispose");
            assertEquals(0, poolsRemoved.get());
            assertTrue(channels.peek().isOpen(), "its connection stays pooled");
        } finally {
            shared.disposeLater().block(WAIT);
        }
    }

    @Test
    void closeOnTheClientsOwnEventLoopReturnsWithoutBlocking() throws Exception {
        DynamoDbBackupClient client = watched().credentialsProvider(new ClosableCredentials()).build();
        Channel connection = callAndReturnTheConnection(client);

        // BlockHound fails the test if close() blocks on the event loop or on a parallel thread.
        CompletableFuture<Void> closedOnLoop = new CompletableFuture<>();
        connection.eventLoop().execute(() -> {
            client.close();
            closedOnLoop.complete(null);
        });
        closedOnLoop.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        Mono.fromRunnable(client::close).subscribeOn(Schedulers.parallel()).block(WAIT);

        client.closeLater().block(WAIT);
        assertFalse(connection.isOpen());
        assertEquals(1, poolsRemoved.get());
    }
}
