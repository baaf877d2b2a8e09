package io.github.ddbbackup.examples.webflux;

import io.github.ddbbackup.emulator.DynamoDbEmulator;
import io.github.ddbbackup.reactor.DynamoDbBackupClient;
import io.github.ddbbackup.reactor.DynamoDbBackupClientBuilder;
import io.github.ddbbackup.spring.autoconfigure.DynamoDbBackupClientBuilderCustomizer;
import io.github.ddbbackup.spring.autoconfigure.DynamoDbBackupProperties;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * {@code ddb.backup.regions=us-east-1,eu-west-1,...}: the bulk endpoint backs up in each of these regions at once, one
 * client per region. Each is built as the auto-configured client is, from {@code ddb.backup.*} (rate limits,
 * timeouts, retry, profile) and the customizers (meters, a shared budget in Redis), then given its region: its own
 * endpoint (DynamoDB's regional one, or {@code REGION=URL}), credentials scope and rate-limit budgets (the limiter's
 * key carries endpoint and region). With {@code example.local.tables}, each region gets an emulator of its own with
 * that many tables.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(RegionsConfiguration.REGIONS)
class RegionsConfiguration {

    static final String REGIONS = DynamoDbBackupProperties.PREFIX + ".regions";

    @Bean(destroyMethod = "close")
    RegionalClients regionalClients(@Value("${" + REGIONS + "}") List<String> regions,
                                    DynamoDbBackupProperties properties,
                                    ObjectProvider<DynamoDbBackupClientBuilderCustomizer> customizers,
                                    @Value("${example.local.tables:0}") int localTables,
                                    @Value("${example.local.table-prefix:table-}") String prefix,
                                    @Value("${example.local.backup-creation-delay:0s}") Duration creationDelay) {
        Map<String, DynamoDbBackupClient> clients = new LinkedHashMap<>();
        List<DynamoDbEmulator> emulators = new ArrayList<>();
        try {
            for (String entry : regions) {
                String[] parts = entry.strip().split("=", 2);
                String region = parts[0].strip();
                if (!region.matches("[a-z0-9-]{1,64}") || clients.containsKey(region)) {
                    throw new InvalidConfigurationPropertyValueException(REGIONS, String.join(",", regions),
                            "region names separated by commas, each once, e.g. us-east-1,eu-west-1 (each optionally"
                                    + " REGION=URL)");
                }
                DynamoDbBackupClientBuilder builder = DynamoDbBackupClient.builder()
                        .allowInsecureHttp(properties.isAllowInsecureHttp())
                        .maxResponseBytes(Math.toIntExact(properties.getMaxResponseBytes().toBytes()))
                        .rateLimits(properties.getRateLimits().toRateLimits())
                        .timeouts(properties.getTimeouts().toTimeouts())
                        .retryPolicy(properties.getRetry().toRetryPolicy());
                if (properties.getProfile() != null) {
                    builder.profileName(properties.getProfile());
                }
                customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
                // Last, so that the region's own target wins over the single client's (the local emulator's, say).
                builder.region(region);
                if (parts.length == 2) {
                    builder.endpointOverride(URI.create(parts[1].strip()));
                } else if (localTables > 0) {
                    DynamoDbEmulator emulator = DynamoDbEmulator.builder().region(region)
                            .backupCreationDelay(creationDelay).build();
                    emulators.add(emulator);
                    emulator.start();
                    emulator.createTables(prefix, localTables);
                    builder.endpointOverride(emulator.endpoint()).credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(emulator.accessKeyId(), emulator.secretAccessKey())));
                }
                clients.put(region, builder.build());
            }
            return new RegionalClients(clients, emulators);
        } catch (RuntimeException e) {
            new RegionalClients(clients, emulators).close();
            throw e;
        }
    }
}
