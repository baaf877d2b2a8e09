package io.github.ddbbackup.reactor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.github.ddbbackup.core.ListBackupsRequest;
import io.github.ddbbackup.emulator.DynamoDbEmulator;
import io.github.ddbbackup.emulator.DynamoDbEmulatorExtension;
import io.github.ddbbackup.emulator.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** With a canary secret key and session token, every path at TRACE: the canaries appear in no log, message or toString. */
class SecretsTest {

    static final String SECRET = "CanarySecretKey0000000000000000000000000";
    static final String TOKEN = "CanarySessionToken1111111111111111";

    @RegisterExtension
    final DynamoDbEmulatorExtension dynamoDb = DynamoDbEmulatorExtension.onDemand();

    @Test
    void secretsNeverLeak() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level before = root.getLevel();
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        root.addAppender(events);
        root.setLevel(Level.TRACE);
        // The one exception, documented in README: the AWS SDK's signer prints canonical requests (token included) at
        // DEBUG. It is checked below that the client warns about it when it is on.
        Logger sdkSigner = context.getLogger(DynamoDbBackupClientBuilder.SDK_SIGNER_LOGGER);
        DynamoDbBackupClient.builder().region("us-east-1").credentialsProvider(StaticCredentialsProvider.create(
                AwsSessionCredentials.create("ASIACANARY0000000000", SECRET, TOKEN))).build().close();
        assertTrue(snapshot(events).stream().anyMatch(e -> e.getLevel() == Level.WARN
                && e.getFormattedMessage().contains(DynamoDbBackupClientBuilder.SDK_SIGNER_LOGGER)),
                "the client warns that the SDK signer's DEBUG log prints session tokens");
        sdkSigner.setLevel(Level.INFO);
        List<String> texts = new ArrayList<>();
        try {
            // Started under TRACE, and closed here so that its shutdown is logged at TRACE too.
            DynamoDbEmulator emulator = dynamoDb.start(settings -> settings.credentials("ASIACANARY0000000000", SECRET)
                    .sessionToken(TOKEN));
            emulator.createTables("t-", 3);
            DynamoDbBackupClient client = DynamoDbBackupClient.builder().region("us-east-1")
                    .endpointOverride(emulator.endpoint())
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsSessionCredentials.create("ASIACANARY0000000000", SECRET, TOKEN)))
                    .retryPolicy(RetryPolicy.DEFAULT.withMaxAttempts(2))
                    .build();
            DynamoDbBackupClient wrongSecret = DynamoDbBackupClient.builder().region("us-east-1")
                    .endpointOverride(emulator.endpoint())
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsSessionCredentials.create("ASIACANARY0000000000", SECRET + "x", TOKEN)))
                    .build();
            try {
                emulator.faults().script("CreateBackup", Fault.error(400, "ThrottlingException"), Fault.none(),
                        Fault.closeAfterOperation(), Fault.truncatedBody(), Fault.htmlServiceUnavailable());
                List<Mono<?>> calls = List.of(
                        client.createBackup("t-0", "t-0-a"), client.createBackup("t-1", "t-1-a"),
                        client.createBackup("t-2", "t-2-a"), client.createBackup("missing", "m-a"),
                        client.createBackup("bad name", "x"),
                        client.describeBackup(emulator.tableArn("t-0") + "/backup/01795264347487-abcdef12"),
                        client.listBackups(ListBackupsRequest.builder().build()).collectList(),
                        client.listTables().collectList(),
                        client.backupAll(Flux.just("t-0", "t-1", "missing"), BackupPlan.DEFAULT).collectList(),
                        wrongSecret.createBackup("t-0", "t-0-b"));
                for (Mono<?> call : calls) {
                    call.doOnNext(value -> texts.add(String.valueOf(value)))
                            .onErrorResume(e -> {
                                texts.add(e.toString());
                                texts.add(String.valueOf(e.getMessage()));
                                for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                                    texts.add(c.toString());
                                }
                                return Mono.empty();
                            })
                            .block(Duration.ofSeconds(30));
                }
                texts.add(client.toString());
                texts.add(DynamoDbBackupClient.builder().toString());
                texts.add(emulator.toString());
                texts.add(emulator.stats().requests().toString());
            } finally {
                client.close();
                wrongSecret.close();
                emulator.close();
            }
        } finally {
            root.setLevel(before);
            sdkSigner.setLevel(null);
            root.detachAppender(events);
        }
        List<ILoggingEvent> logged = snapshot(events);
        for (ILoggingEvent event : logged) {
            texts.add(event.getFormattedMessage());
            if (event.getThrowableProxy() != null) {
                texts.add(ThrowableProxyUtil.asString(event.getThrowableProxy()));
            }
        }
        assertTrue(logged.stream().anyMatch(e -> e.getLoggerName().equals("io.github.ddbbackup.reactor.wire")),
                "the wire log ran at TRACE");
        assertTrue(logged.size() > 50, "TRACE logging was really on: " + logged.size() + " events");
        for (String text : texts) {
            assertFalse(text.contains(SECRET), "secret key leaked: " + text);
            assertFalse(text.contains(TOKEN), "session token leaked: " + text);
            assertFalse(text.matches("(?s).*Signature=[0-9a-f]{64}.*"), "signature leaked: " + text);
        }
    }

    /**
     * The events so far. An event loop may still be appending (the pool logs its disconnects after close());
     * AppenderBase appends under the appender's lock, so a copy taken under it is never modified while read.
     */
    private static List<ILoggingEvent> snapshot(ListAppender<ILoggingEvent> events) {
        synchronized (events) {
            return new ArrayList<>(events.list);
        }
    }
}
