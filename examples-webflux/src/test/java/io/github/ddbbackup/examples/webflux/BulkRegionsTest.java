package io.github.ddbbackup.examples.webflux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ddbbackup.emulator.DynamoDbEmulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ddb.backup.regions}: the bulk endpoint backs up in every region at once, one client (and in the local mode one
 * emulator) per region; each event names its region and the summary counts per region.
 */
@Timeout(120)
class BulkRegionsTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final List<String> REGIONS = List.of("us-east-1", "eu-west-1", "ap-south-1");
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void bulkBacksUpEveryRegionAtOnceEachEventNamingItsRegionAndTheSummaryCountingPerRegion() {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(BackupServiceApplication.class)
                .properties("example.local.tables=3", "server.port=0",
                        "ddb.backup.regions=" + String.join(",", REGIONS))
                .run()) {
            RegionalClients clients = app.getBean(RegionalClients.class);
            WebTestClient web = WebTestClient.bindToServer()
                    .baseUrl("http://127.0.0.1:" + app.getEnvironment().getRequiredProperty("local.server.port"))
                    .responseTimeout(WAIT).build();

            List<ServerSentEvent<String>> events = web.post().uri("/backups:bulk")
                    .contentType(MediaType.APPLICATION_JSON).accept(MediaType.TEXT_EVENT_STREAM)
                    .bodyValue("{\"all\": true}").exchange()
                    .expectStatus().isOk()
                    .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() { })
                    .getResponseBody().collectList().block(WAIT);

            assertThat(events).hasSize(10);
            List<JsonNode> created = events.stream().filter(e -> "created".equals(e.event()))
                    .map(e -> JSON.readTree(e.data())).toList();
            assertThat(created).hasSize(9);
            for (String region : REGIONS) {
                assertThat(created).filteredOn(event -> event.get("region").asString().equals(region))
                        .extracting(event -> event.get("table").asString())
                        .containsExactlyInAnyOrder("table-0", "table-1", "table-2");
                assertThat(created).filteredOn(event -> event.get("region").asString().equals(region))
                        .allSatisfy(event -> assertThat(event.get("details").get("backupArn").asString())
                                .startsWith("arn:aws:dynamodb:" + region + ":"));
                DynamoDbEmulator emulator = clients.emulator(region).orElseThrow();
                assertThat(emulator.stats().backupsByTable()).hasSize(3)
                        .allSatisfy((table, backups) -> assertThat(backups).hasSize(1));
            }
            JsonNode summary = JSON.readTree(events.get(events.size() - 1).data());
            assertThat(events.get(events.size() - 1).event()).isEqualTo("summary");
            assertThat(summary.get("created").asInt()).isEqualTo(9);
            assertThat(summary.get("regions").propertyNames()).containsExactlyElementsOf(REGIONS);
            for (String region : REGIONS) {
                assertThat(JSON.convertValue(summary.get("regions").get(region), Map.class))
                        .isEqualTo(Map.of("requested", 3, "created", 3, "failed", 0, "skipped", 0));
            }
            // The service's own client (the single-region endpoints) is not one of them.
            assertThat(app.getBean(DynamoDbEmulator.class).stats().callCount("CreateBackup")).isZero();
        }
    }

    @Test
    void aRegionNamedTwiceStopsTheServiceFromStartingNamingTheProperty() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(BackupServiceApplication.class)
                .properties("example.local.tables=1", "server.port=0", "ddb.backup.regions=us-east-1,eu-west-1,us-east-1")
                .run().close())
                .rootCause()
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("ddb.backup.regions")
                .hasMessageContaining("each once");
    }
}
