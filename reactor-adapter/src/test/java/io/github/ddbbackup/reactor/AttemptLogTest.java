package io.github.ddbbackup.reactor;

import io.github.ddbbackup.ratelimit.RateLimiter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The DEBUG line of each attempt: its duration runs from the attempt's start, whichever step ends the attempt. */
class AttemptLogTest {

    final Logger logger = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(CallExecutor.class);
    final ListAppender<ILoggingEvent> events = new ListAppender<>();

    @BeforeEach
    void captureDebug() {
        events.start();
        logger.addAppender(events);
        logger.setLevel(Level.DEBUG);
    }

    @AfterEach
    void restore() {
        logger.setLevel(null);
        logger.detachAppender(events);
    }

    @Test
    void anAttemptWhosePermitFailsIsLoggedWithTheTimeItWaitedNotTheTimeSinceTheEpoch() {
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        // A virtual clock far from zero: a duration measured from an unset start would show it.
        time.advanceTimeBy(Duration.ofDays(20_000));
        RateLimiter refusing = key -> Mono.delay(Duration.ofMillis(250), time)
                .then(Mono.error(new IllegalStateException("no permit today")));
        AtomicReference<DynamoDbBackupClient> client = new AtomicReference<>();
        try {
            // Built under the virtual clock, so that credential resolution (boundedElastic) runs on it too.
            StepVerifier.withVirtualTime(() -> {
                        client.set(DynamoDbBackupClient.builder()
                                .region("us-east-1")
                                .endpointOverride(URI.create("http://127.0.0.1:9"))
                                .credentialsProvider(StaticCredentialsProvider.create(
                                        AwsBasicCredentials.create("AKID", "secret")))
                                .rateLimiter(refusing)
                                .retryPolicy(RetryPolicy.NONE)
                                .scheduler(time)
                                .build());
                        return client.get().createBackup("orders", "orders-1");
                    }, () -> time, Long.MAX_VALUE)
                    .thenAwait(Duration.ofMillis(250))
                    .expectErrorMessage("no permit today")
                    .verify(Duration.ofSeconds(30));
        } finally {
            client.get().close();
        }
        List<String> lines = List.copyOf(events.list).stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertEquals(1, lines.size(), lines::toString);
        assertTrue(lines.get(0).startsWith("CreateBackup ") && lines.get(0).endsWith(" in 250 ms"),
                lines.get(0));
    }
}
