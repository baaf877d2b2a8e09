package io.github.ddbbackup.spring.autoconfigure;

import io.github.ddbbackup.reactor.DynamoDbBackupClient;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The application's shutdown as a stop signal for bulk jobs ({@link DynamoDbBackupShutdownSignal}), for every
 * application with the client on its class path, web or not.
 */
@AutoConfiguration
@ConditionalOnClass(DynamoDbBackupClient.class)
public class DynamoDbBackupLifecycleAutoConfiguration {

    /** The stop signal, unless the application defines its own. */
    @Bean
    @ConditionalOnMissingBean
    public DynamoDbBackupShutdownSignal dynamoDbBackupShutdownSignal() {
        return new DynamoDbBackupShutdownSignal();
    }
}
