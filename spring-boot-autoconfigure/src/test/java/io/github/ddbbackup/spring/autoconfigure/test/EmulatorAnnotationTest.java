package io.github.ddbbackup.spring.autoconfigure.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ddbbackup.emulator.DynamoDbEmulator;
import io.github.ddbbackup.reactor.DynamoDbBackupClient;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A user's {@code @SpringBootTest} with {@link AutoConfigureDynamoDbBackupEmulator}: no {@code ddb.backup.*} for the
 * emulator and no hand-written customizer; the application's production wiring (its keys, an endpoint) stays in
 * place and the emulator wins in the test.
 */
@SpringBootTest(classes = EmulatorAnnotationTest.Application.class, properties = {
        "spring.main.web-application-type=none",
        "ddb.backup.region=eu-west-1",
        "ddb.backup.endpoint=https://dynamodb.eu-west-1.amazonaws.com"})
@AutoConfigureDynamoDbBackupEmulator
class EmulatorAnnotationTest {

    @Autowired
    DynamoDbEmulator emulator;

    @Autowired
    DynamoDbBackupClient client;

    @Test
    void theClientCallsTheStartedEmulatorWithItsKeys() {
        emulator.createTable("orders");
        assertThat(client.endpoint()).isEqualTo(emulator.endpoint());
        assertThat(client.endpoint()).isEqualTo(URI.create("http://127.0.0.1:" + emulator.endpoint().getPort()));
        assertThat(client.region()).isEqualTo(emulator.region());
        assertThat(client.listTables().collectList().block(Duration.ofSeconds(20))).containsExactly("orders");
    }

    /** An application as it runs in production: its own keys, which the emulator would refuse. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {

        @Bean
        AwsCredentialsProvider productionKeys() {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAPRODUCTION", "production-secret"));
        }
    }
}
