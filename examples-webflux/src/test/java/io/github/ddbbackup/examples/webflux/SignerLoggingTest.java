package io.github.ddbbackup.examples.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ddbbackup.reactor.DynamoDbBackupClientBuilder;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The AWS SDK signer's logger, whose DEBUG output holds session tokens, stays at INFO whatever the other levels. */
class SignerLoggingTest {

    @Test
    void debugForTheWholeSdkLeavesTheSignerAtInfo() {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(BackupServiceApplication.class)
                .properties("example.local.tables=1", "server.port=0")
                .run("--logging.level.software.amazon.awssdk=DEBUG", "--logging.level.io.github.ddbbackup=DEBUG")) {
            assertThat(LoggerFactory.getLogger("software.amazon.awssdk.http").isDebugEnabled())
                    .as("the SDK's other loggers follow the DEBUG asked for").isTrue();
            assertThat(LoggerFactory.getLogger(DynamoDbBackupClientBuilder.SDK_SIGNER_LOGGER).isDebugEnabled())
                    .as("the signer's logger").isFalse();
        }
    }
}
