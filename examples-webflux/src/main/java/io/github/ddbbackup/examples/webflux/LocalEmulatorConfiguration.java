package io.github.ddbbackup.examples.webflux;

import io.github.ddbbackup.emulator.DynamoDbEmulator;
import io.github.ddbbackup.spring.autoconfigure.DynamoDbBackupClientBuilderCustomizer;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The {@code --local} default: when {@code example.local.tables} is set (the {@code local} profile sets it), the
 * in-process DynamoDB emulator is started on 127.0.0.1 with that many tables ({@code table-0}, {@code table-1}, ...),
 * and the auto-configured client is pointed at it with the emulator's example credentials.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("example.local.tables")
class LocalEmulatorConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(LocalEmulatorConfiguration.class);

    /** Started here, on the start-up thread; stopped with the application. */
    @Bean(destroyMethod = "close")
    DynamoDbEmulator localEmulator(@Value("${example.local.tables}") int tables,
                                   @Value("${example.local.table-prefix:table-}") String prefix,
                                   @Value("${example.local.backup-creation-delay:0s}") Duration creationDelay) {
        DynamoDbEmulator emulator = DynamoDbEmulator.builder().backupCreationDelay(creationDelay).build();
        emulator.start();
        emulator.createTables(prefix, tables);
        LOG.info("Local DynamoDB emulator at {} with {} tables named {}0..", emulator.endpoint(), tables, prefix);
        return emulator;
    }

    /** Applied after the ddb.backup.* properties, so the emulator's endpoint, region and credentials win. */
    @Bean
    DynamoDbBackupClientBuilderCustomizer localEmulatorClient(DynamoDbEmulator emulator) {
        return builder -> builder.region(emulator.region())
                .endpointOverride(emulator.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(emulator.accessKeyId(), emulator.secretAccessKey())));
    }
}
