package io.github.ddbbackup.examples.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ddbbackup.emulator.DynamoDbEmulator;
import io.github.ddbbackup.emulator.Fault;
import io.github.ddbbackup.spring.autoconfigure.DynamoDbBackupShutdownSignal;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * The service closed while a bulk stream runs, as SIGTERM does: the job stops taking tables, the calls already sent
 * finish, every other table is reported SKIPPED, the summary comes last, and the stream ends complete within Spring
 * Boot's graceful shutdown (a stream cut by the server's timeout would end with an error and no summary).
 */
@Timeout(120)
class GracefulShutdownTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final int TABLES = 20;

    @Test
    void aShutdownDuringABulkEndsItsStreamWithTheCallsSentFinishedTheRestSkippedAndTheSummary() throws Exception {
        // One CreateBackup permit per second: permits are far apart, so that the calls in flight when the service
        // stops are at most the one whose permit came last.
        ConfigurableApplicationContext app = new SpringApplicationBuilder(BackupServiceApplication.class).properties(
                "example.local.tables=" + TABLES, "example.local.table-prefix=slow-", "server.port=0",
                "ddb.backup.rate-limits.create-backup.permits-per-second=1").run();
        DynamoDbEmulator emulator = app.getBean(DynamoDbEmulator.class);
        // Each CreateBackup is answered after 300 ms: a call sent just before the stop is still in flight at it.
        emulator.faults().script("CreateBackup", Collections.nCopies(TABLES, Fault.latency(Duration.ofMillis(300))));
        AtomicLong sentAtStop = new AtomicLong(-1);
        app.getBean(DynamoDbBackupShutdownSignal.class).whenStopping()
                .subscribe(null, null, () -> sentAtStop.set(emulator.stats().requestCount("CreateBackup")));

        List<ServerSentEvent<String>> events = new CopyOnWriteArrayList<>();
        CountDownLatch twoCreated = new CountDownLatch(2);
        // The client's own event loop and connection: the service's shutdown disposes Reactor Netty's global
        // resources, which a default WebTestClient shares, and would cut the client's end of the stream.
        LoopResources clientLoop = LoopResources.create("sse-client", 1, true);
        CompletableFuture<Void> stream = WebTestClient.bindToServer(new ReactorClientHttpConnector(
                        HttpClient.create(ConnectionProvider.newConnection()).runOn(clientLoop)))
                .baseUrl("http://127.0.0.1:" + app.getEnvironment().getRequiredProperty("local.server.port"))
                .responseTimeout(WAIT).build()
                .post().uri("/backups:bulk").contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .bodyValue("{\"all\": true, \"prefix\": \"slow-\", \"concurrency\": 4}").exchange()
                .expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() { })
                .getResponseBody()
                .doOnNext(event -> {
                    events.add(event);
                    if ("created".equals(event.event())) {
                        twoCreated.countDown();
                    }
                })
                .then().toFuture();
        assertThat(twoCreated.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("two backups created").isTrue();

        try {
            app.close();
            stream.get(WAIT.toSeconds(), TimeUnit.SECONDS);  // completed, not cut: an error would be thrown here
        } finally {
            clientLoop.disposeLater().block(WAIT);
        }
        List<String> names = events.stream().map(ServerSentEvent::event).toList();
        assertThat(names.get(names.size() - 1)).isEqualTo("summary");
        assertThat(names.subList(0, names.size() - 1)).hasSize(TABLES)
                .allSatisfy(name -> assertThat(name).isIn("created", "failed", "skipped"));
        long created = Collections.frequency(names, "created");
        long skipped = Collections.frequency(names, "skipped");
        assertThat(events.get(events.size() - 1).data())
                .isEqualTo("{\"requested\":" + TABLES + ",\"created\":" + created + ",\"failed\":0,\"skipped\":"
                        + skipped + "}");
        assertThat(skipped).as("tables never sent").isGreaterThan(0);
        // Skipped by the library (taken, waiting for a permit) or by the service (never taken): nothing else.
        List<String> skipReasons = events.stream().filter(event -> "skipped".equals(event.event()))
                .map(event -> event.data().replaceAll(".*\"skipReason\":\"([^\"]*)\".*", "$1")).distinct().toList();
        assertThat(skipReasons).containsExactlyInAnyOrder(BulkBackupStream.SHUTTING_DOWN,
                "the job was stopped before the table's CreateBackup was sent");

        // Every CreateBackup that reached DynamoDB ran to its outcome, and none was sent after the stop but the one
        // whose permit had come before it.
        long sent = emulator.stats().requestCount("CreateBackup");
        assertThat(sent).isEqualTo(created);
        assertThat(sentAtStop.get()).isNotNegative();
        assertThat(sent - sentAtStop.get()).as("sent after the stop").isLessThanOrEqualTo(1);
    }
}
