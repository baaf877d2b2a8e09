package io.github.ddbbackup.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The option-to-property table names only properties that exist, so a renamed property cannot go unreported. */
class OptionPropertiesTest {

    @Test
    void everyPropertyOfTheTableIsADdbBackupProperty() throws IOException {
        Set<String> known = new HashSet<>();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("generated metadata").isNotNull();
            for (JsonNode property : JsonMapper.builder().build().readTree(in).get("properties")) {
                known.add(property.get("name").asString());
            }
        }
        Set<String> operations = new DynamoDbBackupProperties().getRateLimits().operations().keySet();
        assertThat(operations).contains("create-backup", "list-tables");
        for (String property : OptionProperties.properties()) {
            if (property.contains(OptionProperties.OPERATION)) {
                operations.forEach(operation -> assertThat(known)
                        .contains(DynamoDbBackupProperties.PREFIX + "." + property.replace(OptionProperties.OPERATION,
                                operation)));
            } else {
                assertThat(known).contains(DynamoDbBackupProperties.PREFIX + "." + property);
            }
        }
    }

    @Test
    void anOperationsLimitMapsOnlyWithinItsGroupAndAnUnknownOptionNowhere() {
        assertThat(OptionProperties.propertyOf("RateLimit.burst", "list-backups"))
                .contains("rate-limits.list-backups.burst");
        assertThat(OptionProperties.propertyOf("RateLimit.burst", null)).isEmpty();
        assertThat(OptionProperties.propertyOf("RetryPolicy.maxAttempts", null)).contains("retry.max-attempts");
        assertThat(OptionProperties.propertyOf("scheduler", null)).isEmpty();
        assertThat(OptionProperties.isSecret("redis.uri")).isTrue();
    }
}
