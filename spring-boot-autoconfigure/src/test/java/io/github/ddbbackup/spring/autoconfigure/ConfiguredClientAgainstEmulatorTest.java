package io.github.ddbbackup.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ddbbackup.emulator.DynamoDbEmulator;
import io.github.ddbbackup.emulator.DynamoDbEmulatorExtension;
import io.github.ddbbackup.emulator.Fault;
import io.github.ddbbackup.reactor.DynamoDbBackupClient;
import io.github.ddbbackup.core.error.ResponseTooLargeException;
import io.github.ddbbackup.core.error.TransportException;
import io.github.ddbbackup.core.error.InternalServerErrorException;
import java.time.Duration;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.resources.LoopResources;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The auto-configured client against the in-process emulator on 127.0.0.1 (BlockHound active): each group of
 * properties shows in the client's behaviour, the application's event loops are used, and the client is closed with
 * the context.
 */
class ConfiguredClientAgainstEmulatorTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    final DynamoDbEmulatorExtension dynamoDb = new DynamoDbEmulatorExtension();
    DynamoDbEmulator emulator;
    ApplicationContextRunner runner;

    @BeforeEach
    void start() {
        emulator = dynamoDb.emulator();
        emulator.createTables("orders-", 3);
        runner = runnerAgainst(emulator);
    }

    /** The auto-configuration, its client signing with the emulator's keys for its region and endpoint. */
    static ApplicationContextRunner runnerAgainst(DynamoDbEmulator emulator) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DynamoDbBackupAutoConfiguration.class))
                .withBean(AwsCredentialsProvider.class, () -> StaticCredentialsProvider.create(AwsBasicCredentials
                        .create(DynamoDbEmulator.DEFAULT_ACCESS_KEY_ID, DynamoDbEmulator.DEFAULT_SECRET_ACCESS_KEY)))
                .withPropertyValues("ddb.backup.region=" + emulator.region(),
                        "ddb.backup.endpoint=" + emulator.endpoint());
    }

    @Test
    void callsTheConfiguredEndpointWithTheApplicationsCredentials() {
        runner.run(context -> assertThat(client(context).listTables().collectList().block(WAIT))
                .containsExactly("orders-0", "orders-1", "orders-2"));
    }

    @Test
    void retryMaxAttemptsIsTheAttemptBudget() {
        emulator.faults().script("ListTables", Fault.error(500, "InternalServerError"),
                Fault.error(500, "InternalServerError"), Fault.error(500, "InternalServerError"));
        runner.withPropertyValues("ddb.backup.retry.max-attempts=2", "ddb.backup.retry.base-delay=1ms",
                "ddb.backup.retry.max-delay=2ms").run(context -> {
            assertThatThrownBy(() -> client(context).listTables().blockLast(WAIT))
                    .isInstanceOf(InternalServerErrorException.class);
            assertThat(emulator.stats().requestCount("ListTables")).isEqualTo(2);
        });
    }

    @Test
    void maxResponseBytesCapsTheResponseBody() {
        emulator.faults().script("ListTables", Fault.oversizeBody(4096));
        runner.withPropertyValues("ddb.backup.max-response-bytes=2KB", "ddb.backup.retry.max-attempts=1")
                .run(context -> assertThatThrownBy(() -> client(context).listTables().blockLast(WAIT))
                        .isInstanceOf(ResponseTooLargeException.class));
    }

    @Test
    void perAttemptTimeoutEndsASlowExchange() {
        emulator.faults().script("ListTables", Fault.latency(Duration.ofSeconds(5)));
        runner.withPropertyValues("ddb.backup.timeouts.per-attempt=200ms", "ddb.backup.retry.max-attempts=1")
                .run(context -> assertThatThrownBy(() -> client(context).listTables().blockLast(WAIT))
                        .isInstanceOf(TransportException.class));
    }

    @Test
    void rateLimitOfAnOperationPacesItsCalls() {
        // ListTables is not limited by default; 3 per second makes 7 concurrent calls spread over windows of 3. The
        // emulator counts calls when they arrive: a wide jitter margin keeps a loaded machine's delays out of the count.
        runner.withPropertyValues("ddb.backup.rate-limits.list-tables.permits-per-second=3",
                "ddb.backup.rate-limits.jitter-margin=300ms").run(context -> {
            DynamoDbBackupClient client = client(context);
            List<List<String>> listings = Flux.range(0, 7)
                    .flatMap(i -> client.listTables().collectList())
                    .collectList().block(WAIT);
            assertThat(listings).hasSize(7);
            assertThat(emulator.stats().maxCallsInAnyWindow("ListTables")).isEqualTo(3);
        });
    }

    @Test
    void connectionPoolBoundsConnectionsAndWaiters() throws Exception {
        // One connection, one waiter. The first call holds the connection (3 s at the emulator) before the other two
        // ask, so that one of them waits for it and the other is refused at once: started together, all three could
        // find the connection still being opened, and which were refused would depend on this machine's speed.
        emulator.faults().script("ListTables", Fault.latency(Duration.ofSeconds(3)));
        runner.withPropertyValues("ddb.backup.connection-pool.max-connections=1",
                "ddb.backup.connection-pool.pending-acquire-max=1", "ddb.backup.retry.max-attempts=1").run(context -> {
            DynamoDbBackupClient client = client(context);
            Mono<String> call = Mono.defer(() -> client.listTables().collectList().map(tables -> "ok")
                    .onErrorResume(TransportException.class, e -> Mono.just("refused")));
            CompletableFuture<String> first = call.toFuture();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (emulator.stats().requestCount("ListTables") < 1 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(1_000_000);
            }
            List<String> results = new ArrayList<>(Flux.merge(call, call).collectList().block(WAIT));
            results.add(first.get(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertThat(results).containsExactlyInAnyOrder("ok", "ok", "refused");
            assertThat(emulator.stats().requestCount("ListTables")).isEqualTo(2);
        });
    }

    @Test
    void runsOnTheApplicationsReactorNettyLoops() {
        runner.withBean(ReactorResourceFactory.class, ConfiguredClientAgainstEmulatorTest::applicationLoops)
                .run(context -> {
                    AtomicReference<String> thread = new AtomicReference<>();
                    client(context).listTables().doOnNext(table -> thread.set(Thread.currentThread().getName()))
                            .blockLast(WAIT);
                    assertThat(thread.get()).startsWith("app-loop");
                });
    }

    @Test
    void anApplicationsHttpClientCustomizersAddToTheSharedEventLoops() {
        List<Channel> connections = new CopyOnWriteArrayList<>();
        List<String> requests = new CopyOnWriteArrayList<>();
        runner.withBean(ReactorResourceFactory.class, ConfiguredClientAgainstEmulatorTest::applicationLoops)
                .withBean("metrics", DynamoDbBackupClientBuilderCustomizer.class, () -> builder -> builder
                        .httpClientCustomizer(http -> http.doOnConnected(connection ->
                                connections.add(connection.channel()))))
                .withBean("audit", DynamoDbBackupClientBuilderCustomizer.class, () -> builder -> builder
                        .httpClientCustomizer(http -> http.doOnRequest((request, connection) ->
                                requests.add(request.uri()))))
                .run(context -> {
                    AtomicReference<String> thread = new AtomicReference<>();
                    client(context).listTables().doOnNext(table -> thread.set(Thread.currentThread().getName()))
                            .blockLast(WAIT);
                    // Both customizers ran, and neither replaced the starter's choice of the application's loops.
                    assertThat(thread.get()).as("the application's loops").startsWith("app-loop");
                    assertThat(connections).as("the first customizer's connections").hasSize(1);
                    assertThat(requests).as("the second customizer's requests").hasSize(1);
                });
    }

    @Test
    void closesTheClientWithTheContext() throws InterruptedException {
        List<Channel> connections = new CopyOnWriteArrayList<>();
        runner.withBean(DynamoDbBackupClientBuilderCustomizer.class, () -> builder -> builder.httpClientCustomizer(
                http -> http.doOnConnected(connection -> connections.add(connection.channel())))).run(context -> {
            assertThat(client(context).listTables().collectList().block(WAIT)).hasSize(3);
            assertThat(connections).hasSize(1);
            // Kept alive in the pool for the next call (idle connections live 20 s).
            assertThat(connections.get(0).isOpen()).isTrue();
        });
        // Closing the context closed the client, which disposed its own pool and with it the pooled connection.
        assertThat(connections.get(0).closeFuture().await(WAIT.toMillis())).isTrue();
    }

    /** The application's Reactor Netty resources, with one loop thread named app-loop. */
    private static ReactorResourceFactory applicationLoops() {
        ReactorResourceFactory factory = new ReactorResourceFactory();
        factory.setUseGlobalResources(false);
        factory.setLoopResourcesSupplier(() -> LoopResources.create("app-loop", 1, true));
        return factory;
    }

    private static DynamoDbBackupClient client(ConfigurableApplicationContext context) {
        return context.getBean(DynamoDbBackupClient.class);
    }
}
