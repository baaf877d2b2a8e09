package io.github.ddbbackup.spring.autoconfigure.test;

import io.github.ddbbackup.emulator.DynamoDbEmulator;
import io.github.ddbbackup.spring.autoconfigure.DynamoDbBackupAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * What {@link AutoConfigureDynamoDbBackupEmulator} imports: a started emulator, closed with the context, and the
 * customizer that points the client at it.
 */
@AutoConfiguration(before = DynamoDbBackupAutoConfiguration.class)
@ConditionalOnClass(DynamoDbEmulator.class)
public class DynamoDbBackupEmulatorAutoConfiguration {

    /** An emulator with its default settings on a free port of 127.0.0.1, started. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public DynamoDbEmulator dynamoDbBackupEmulator() {
        DynamoDbEmulator emulator = DynamoDbEmulator.builder().build();
        emulator.start();
        return emulator;
    }

    /** Points the client at the emulator, after the application's own customizers. */
    @Bean
    EmulatorCustomizer dynamoDbBackupEmulatorCustomizer(DynamoDbEmulator emulator) {
        return new EmulatorCustomizer(emulator);
    }
}
