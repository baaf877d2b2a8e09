package io.github.ddbbackup.examples.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ddbbackup.emulator.DynamoDbEmulator;
import io.github.ddbbackup.emulator.Fault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The example service over real HTTP on 127.0.0.1, its client talking to the in-process emulator (the service's own
 * local mode), with BlockHound watching every Netty thread of the server, the client and the emulator. Each endpoint,
 * and each error's status.
 */
class BackupServiceTest {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final String ISO_INSTANT = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z";

    static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() { };

    static ConfigurableApplicationContext app;
    static DynamoDbEmulator emulator;
    static WebTestClient web;

    @BeforeAll
    static void start() {
        app = new SpringApplicationBuilder(BackupServiceApplication.class).properties(
                "example.local.tables=3", "example.local.table-prefix=orders-", "server.port=0",
                // Two attempts, quickly: an injected fault is scripted twice to outlast the client's retries.
                "ddb.backup.retry.max-attempts=2", "ddb.backup.retry.base-delay=1ms", "ddb.backup.retry.max-delay=2ms")
                .run("--" + BackupController.MAX_TABLES + "=150");
        emulator = app.getBean(DynamoDbEmulator.class);
        web = WebTestClient.bindToServer()
                .baseUrl(baseUrl())
                .responseTimeout(WAIT)
                .build();
    }

    static String baseUrl() {
        return "http://127.0.0.1:" + app.getEnvironment().getRequiredProperty("local.server.port");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @BeforeEach
    void clean() {
        emulator.faults().clearAll();
        emulator.stats().reset();
    }

    // --- POST /tables/{table}/backups

    @Test
    void createsABackupNamedByThePlanTemplate() {
        EntityExchangeResult<Map<String, Object>> created = web.post().uri("/tables/orders-0/backups").exchange()
                .expectStatus().isCreated()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody(JSON_OBJECT).consumeWith(body(backup -> {
                    assertThat((String) backup.get("backupName")).matches("orders-0-\\d{8}T\\d{6}Z");
                    assertThat((String) backup.get("backupArn")).contains(":table/orders-0/backup/");
                    assertThat(backup).containsEntry("backupStatus", "CREATING").containsEntry("backupType", "USER");
                    assertThat((String) backup.get("backupCreationDateTime")).matches(ISO_INSTANT);
                    // Absent Optionals are left out, not sent as null.
                    assertThat(backup).doesNotContainKeys("backupSizeBytes", "backupExpiryDateTime");
                })).returnResult();
        assertThat(emulator.stats().callCount("CreateBackup")).isEqualTo(1);

        // Location is the backup's own URL: its ARN as one path segment, which DescribeBackup answers.
        String arn = (String) created.getResponseBody().get("backupArn");
        URI location = created.getResponseHeaders().getLocation();
        assertThat(location).hasToString("/backups/" + arn.replace("/", "%2F"));
        web.get().uri(URI.create(baseUrl()).resolve(location)).exchange()
                .expectStatus().isOk()
                .expectBody(JSON_OBJECT).consumeWith(body(description -> assertThat(description.toString())
                        .contains("backupArn=" + arn)));
    }

    @Test
    void createsABackupWithTheGivenName() {
        emulator.createTable("named");
        web.post().uri("/tables/named/backups?name=named-nightly").exchange()
                .expectStatus().isCreated()
                .expectBody(JSON_OBJECT).consumeWith(hasEntry("backupName", "named-nightly"));
        assertThat(emulator.stats().backupsByTable().get("named")).singleElement()
                .satisfies(backup -> assertThat(backup.backupName()).isEqualTo("named-nightly"));
    }

    @Test
    void anInvalidBackupNameIs400BeforeAnythingIsSent() {
        web.post().uri("/tables/orders-1/backups?name=x!").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JSON_OBJECT).consumeWith(body(problem -> {
                    assertThat(problem).containsEntry("status", 400).containsEntry("field", "BackupName")
                            .containsEntry("instance", "/tables/orders-1/backups");
                    assertThat((String) problem.get("detail")).contains("\"x!\"");
                }));
        assertThat(emulator.stats().requestCount("CreateBackup")).isZero();
    }

    @Test
    void aMissingTableIs404() {
        web.post().uri("/tables/no-such-table/backups").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JSON_OBJECT).consumeWith(body(problem -> {
                    assertThat(problem).containsEntry("status", 404)
                            .containsEntry("errorCode", "TableNotFoundException");
                    assertThat((String) problem.get("requestId")).isNotBlank();
                }));
    }

    @Test
    void aTableInUseIs409() {
        emulator.createTable("busy");
        emulator.setTableCreating("busy", Duration.ofMinutes(5));
        web.post().uri("/tables/busy/backups").exchange()
                .expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JSON_OBJECT).consumeWith(hasEntry("errorCode", "TableInUseException"));
    }

    @Test
    void limitExceededAfterTheClientsRetriesIs429WithRetryAfter() {
        emulator.faults().script("CreateBackup", Fault.error(400, "LimitExceededException"),
                Fault.error(400, "LimitExceededException"));
        web.post().uri("/tables/orders-2/backups").exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "1")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JSON_OBJECT).consumeWith(hasEntry("errorCode", "LimitExceededException"));
        assertThat(emulator.stats().requestCount("CreateBackup")).isEqualTo(2);
    }

    @Test
    void anUpstream5xxIs502() {
        emulator.faults().script("CreateBackup", Fault.error(500, "InternalServerError"),
                Fault.error(500, "InternalServerError"));
        web.post().uri("/tables/orders-2/backups").exchange()
                .expectStatus().isEqualTo(502)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JSON_OBJECT).consumeWith(hasEntry("errorCode", "InternalServerError"));
        assertThat(emulator.stats().backupCount("orders-2")).isZero();
    }

    // --- GET /backups

    @Test
    void streamsSummariesAsNdjson() {
        createTwoBackupsOf("listed");
        List<Map<String, Object>> lines = web.get().uri("/backups?table=listed")
                .accept(MediaType.APPLICATION_NDJSON).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_NDJSON)
                .returnResult(new ParameterizedTypeReference<Map<String, Object>>() { })
                .getResponseBody().collectList().block(WAIT);
        assertThat(lines).extracting(line -> line.get("backupName")).containsExactly("listed-a", "listed-b");
        assertThat(lines).allSatisfy(line -> {
            // The local emulator makes backups AVAILABLE at once; a present Optional is sent as its value.
            assertThat(line).containsEntry("tableName", "listed").containsEntry("backupStatus", "AVAILABLE")
                    .containsEntry("backupSizeBytes", 0);
            assertThat((String) line.get("backupCreationDateTime")).matches(ISO_INSTANT);
        });
    }

    @Test
    void listsSummariesAsAJsonArray() {
        createTwoBackupsOf("arrayed");
        web.get().uri("/backups?table=arrayed").accept(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() { })
                .consumeWith(body(list -> assertThat(list).extracting(summary -> summary.get("backupName"))
                        .containsExactly("arrayed-a", "arrayed-b")));
    }

    @Test
    void anInvalidTableFilterIs400() {
        web.get().uri("/backups?table=ab").accept(MediaType.APPLICATION_NDJSON).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JSON_OBJECT).consumeWith(hasEntry("field", "TableName"));
        assertThat(emulator.stats().requestCount("ListBackups")).isZero();
    }

    @Test
    void aThrottledListingIs429WithRetryAfter() {
        emulator.faults().script("ListBackups", Fault.error(400, "ThrottlingException"),
                Fault.error(400, "ThrottlingException"));
        web.get().uri("/backups").accept(MediaType.APPLICATION_NDJSON).exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "1")
                .expectBody(JSON_OBJECT).consumeWith(hasEntry("errorCode", "ThrottlingException"));
    }

    // --- POST /backups:bulk

    @Test
    void bulkStreamsOneEventPerTableThenASummary() {
        emulator.createTables("bulk-", 2);
        List<ServerSentEvent<String>> events = bulk("{\"tables\": [\"bulk-0\", \"bulk-1\", \"bulk-ghost\"]}");
        assertThat(events).extracting(ServerSentEvent::id).containsExactly("1", "2", "3", "4");
        assertThat(events).extracting(ServerSentEvent::event)
                .containsExactlyInAnyOrder("created", "created", "failed", "summary");
        assertThat(events.get(events.size() - 1).event()).isEqualTo("summary");
        assertThat(events.get(events.size() - 1).data())
                .isEqualTo("{\"requested\":3,\"created\":2,\"failed\":1,\"skipped\":0}");
        assertThat(events).filteredOn(e -> "failed".equals(e.event())).singleElement()
                .satisfies(e -> assertThat(e.data()).contains("\"table\":\"bulk-ghost\"")
                        .contains("\"code\":\"TableNotFoundException\""));
        assertThat(events).filteredOn(e -> "created".equals(e.event()))
                .allSatisfy(e -> assertThat(e.data()).contains("\"backupStatus\":\"CREATING\"")
                        .doesNotContain("\"error\""));
        assertThat(emulator.stats().backupCount("bulk-0")).isEqualTo(1);
        assertThat(emulator.stats().backupCount("bulk-1")).isEqualTo(1);
    }

    @Test
    void bulkOfAllTablesAppliesTheFilters() {
        emulator.createTable("sel-a-1");
        emulator.createTable("sel-a-2");
        emulator.createTable("sel-a-tmp");
        emulator.createTable("sel-b-1");
        List<ServerSentEvent<String>> events = bulk(
                "{\"all\": true, \"prefix\": \"sel-a-\", \"excluding\": \".*-tmp\", \"nameTemplate\": \"{table}-x\"}");
        assertThat(events).filteredOn(e -> "created".equals(e.event())).extracting(ServerSentEvent::data)
                .hasSize(2)
                .anySatisfy(data -> assertThat(data).contains("\"backupName\":\"sel-a-1-x\""))
                .anySatisfy(data -> assertThat(data).contains("\"backupName\":\"sel-a-2-x\""));
        assertThat(emulator.stats().backupCount("sel-a-tmp")).isZero();
        assertThat(emulator.stats().backupCount("sel-b-1")).isZero();
    }

    @Test
    void bulkByTagBacksUpTheTablesCarryingItAndABadTagIs400() {
        emulator.createTable("tag-a-1");
        emulator.createTable("tag-a-2");
        emulator.createTable("tag-b-1");
        emulator.setTags("tag-a-1", java.util.Map.of("backup", "daily", "team", "red"));
        emulator.setTags("tag-a-2", java.util.Map.of("backup", "daily", "team", "green"));
        emulator.setTags("tag-b-1", java.util.Map.of("backup", "weekly"));
        List<ServerSentEvent<String>> events = bulk(
                "{\"all\": true, \"tags\": [\"backup=daily\"], \"excludingTags\": [\"team=red\"]}");
        assertThat(events).filteredOn(e -> "created".equals(e.event())).extracting(ServerSentEvent::data)
                .hasSize(1)
                .anySatisfy(data -> assertThat(data).contains("\"table\":\"tag-a-2\""));
        assertThat(emulator.stats().backupCount("tag-a-1")).isZero();
        assertThat(emulator.stats().backupCount("tag-b-1")).isZero();

        web.post().uri("/backups:bulk").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"all\": true, \"tags\": [\"=daily\"]}").exchange()
                .expectStatus().isBadRequest()
                .expectBody(JSON_OBJECT).consumeWith(hasEntry("field", "tags"));
    }

    @Test
    void bulkWithoutASelectionIs400AsAProblemEvenWhenAnEventStreamWasAsked() {
        web.post().uri("/backups:bulk").contentType(MediaType.APPLICATION_JSON).accept(MediaType.TEXT_EVENT_STREAM)
                .bodyValue("{}").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JSON_OBJECT).consumeWith(hasEntry("field", "tables"));
    }

    @Test
    void bulkWithAnInvalidRegexIs400NamingIt() {
        web.post().uri("/backups:bulk").contentType(MediaType.APPLICATION_JSON).accept(MediaType.TEXT_EVENT_STREAM)
                .bodyValue("{\"all\": true, \"matching\": \"(\"}").exchange()
                .expectStatus().isBadRequest()
                .expectBody(JSON_OBJECT).consumeWith(body(problem -> {
                    assertThat(problem).containsEntry("field", "matching");
                    assertThat((String) problem.get("rule")).contains("RE2 regular expression syntax (missing closing )");
                }));
        assertThat(emulator.stats().requestCount("ListTables")).isZero();
    }

    @Test
    void bulkWithAnOverlongRegexIs400NamingItsLength() {
        web.post().uri("/backups:bulk").contentType(MediaType.APPLICATION_JSON).accept(MediaType.TEXT_EVENT_STREAM)
                .bodyValue("{\"all\": true, \"excluding\": \"" + "a".repeat(5000) + "\"}").exchange()
                .expectStatus().isBadRequest()
                .expectBody(JSON_OBJECT).consumeWith(body(problem -> {
                    assertThat(problem).containsEntry("field", "excluding");
                    assertThat((String) problem.get("rule")).isEqualTo("at most 1024 characters");
                }));
        assertThat(emulator.stats().requestCount("ListTables")).isZero();
    }

    @Test
    void bulkWithAnUnreadableBodyIs400() {
        web.post().uri("/backups:bulk").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"tables\": ")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JSON_OBJECT).consumeWith(hasEntry("status", 400));
    }

    @Test
    void bulkWhoseListingIsThrottledBeforeAnyOutcomeIs429() {
        emulator.faults().script("ListTables", Fault.error(400, "LimitExceededException"),
                Fault.error(400, "LimitExceededException"));
        web.post().uri("/backups:bulk").contentType(MediaType.APPLICATION_JSON).accept(MediaType.TEXT_EVENT_STREAM)
                .bodyValue("{\"all\": true}").exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "1")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(emulator.stats().requestCount("CreateBackup")).isZero();
    }

    // --- Spring's own errors, and upstream failures: problem+json whatever the request accepted

    @Test
    void anUnreadableBodyIs400AsAProblemEvenWhenAnEventStreamWasAsked() {
        web.post().uri("/backups:bulk").contentType(MediaType.APPLICATION_JSON).accept(MediaType.TEXT_EVENT_STREAM)
                .bodyValue("{\"tables\": ").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JSON_OBJECT).consumeWith(body(problem -> assertThat(problem)
                        .containsEntry("status", 400).containsEntry("instance", "/backups:bulk")));
    }

    @Test
    void aMissingBodyIs400AsAProblemEvenWhenAnEventStreamWasAsked() {
        web.post().uri("/backups:bulk").contentType(MediaType.APPLICATION_JSON).accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JSON_OBJECT).consumeWith(hasEntry("status", 400));
    }

    @Test
    void anUnsupportedContentTypeIs415AsAProblemEvenWhenAnEventStreamWasAsked() {
        web.post().uri("/backups:bulk").contentType(MediaType.TEXT_PLAIN).accept(MediaType.TEXT_EVENT_STREAM)
                .bodyValue("tables").exchange()
                .expectStatus().isEqualTo(415)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JSON_OBJECT).consumeWith(hasEntry("status", 415));
    }

    @Test
    void anUnproducibleAcceptIs406AsAProblem() {
        for (MediaType accepted : List.of(MediaType.APPLICATION_XML, MediaType.TEXT_EVENT_STREAM)) {
            web.get().uri("/backups").accept(accepted).exchange()
                    .expectStatus().isEqualTo(406)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody(JSON_OBJECT).consumeWith(hasEntry("status", 406));
        }
        assertThat(emulator.stats().requestCount("ListBackups")).isZero();
    }

    @Test
    void aBodyOverTheCodecLimitIs413AsAProblemEvenWhenAnEventStreamWasAsked() {
        // Spring's codecs buffer at most 256 KiB of a body: one table name of 300 KiB is over it.
        web.post().uri("/backups:bulk").contentType(MediaType.APPLICATION_JSON).accept(MediaType.TEXT_EVENT_STREAM)
                .bodyValue("{\"tables\": [\"" + "a".repeat(300 * 1024) + "\"]}").exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JSON_OBJECT).consumeWith(hasEntry("status", 413));
        assertThat(emulator.stats().requestCount("CreateBackup")).isZero();
    }

    @Test
    void anUnknownPathIs404AsAProblemEvenWhenAnEventStreamWasAsked() {
        web.get().uri("/no-such-path").accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JSON_OBJECT).consumeWith(hasEntry("status", 404));
    }

    @Test
    void anUnreachableUpstreamIs502WithoutItsAddress() {
        emulator.faults().script("ListBackups", Fault.closeBeforeOperation(), Fault.closeBeforeOperation());
        web.get().uri("/backups").accept(MediaType.APPLICATION_NDJSON).exchange()
                .expectStatus().isEqualTo(502)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JSON_OBJECT).consumeWith(body(problem -> {
                    assertThat(problem).containsEntry("status", 502).doesNotContainKey("errorCode");
                    assertThat(problem.toString()).doesNotContain("127.0.0.1")
                            .doesNotContain(Integer.toString(emulator.endpoint().getPort()));
                }));
    }

    /** Checks a decoded response body (WebTestClient's {@code value(...)} overloads need Hamcrest to compile). */
    private static <B> Consumer<EntityExchangeResult<B>> body(Consumer<B> check) {
        return result -> check.accept(result.getResponseBody());
    }

    /** A decoded JSON object has this member. */
    private static Consumer<EntityExchangeResult<Map<String, Object>>> hasEntry(String name, Object value) {
        return body(json -> assertThat(json).containsEntry(name, value));
    }

    @Test
    void bulkWhoseListingFailsOnALaterPageStartsNothingAndIs429() {
        // ListTables pages hold 100 names: the whole selection is listed before the first backup is started.
        List<String> paged = emulator.createTables("paged-", 110);
        try {
            emulator.faults().script("ListTables", Fault.none(), Fault.error(400, "LimitExceededException"),
                    Fault.error(400, "LimitExceededException"));
            web.post().uri("/backups:bulk").contentType(MediaType.APPLICATION_JSON).accept(MediaType.TEXT_EVENT_STREAM)
                    .bodyValue("{\"all\": true, \"prefix\": \"paged-\", \"concurrency\": 1}").exchange()
                    .expectStatus().isEqualTo(429)
                    .expectBody(JSON_OBJECT).consumeWith(hasEntry("errorCode", "LimitExceededException"));
            assertThat(emulator.stats().requestCount("CreateBackup")).isZero();
        } finally {
            paged.forEach(emulator::deleteTable);
        }
    }

    // --- what one request may start, and where the service listens

    @Test
    void bulkOfMoreTablesThanTheCapStartsNothingAndIs400() {
        List<String> many = emulator.createTables("many-", 151);
        try {
            web.post().uri("/backups:bulk").contentType(MediaType.APPLICATION_JSON).accept(MediaType.TEXT_EVENT_STREAM)
                    .bodyValue("{\"all\": true, \"prefix\": \"many-\"}").exchange()
                    .expectStatus().isBadRequest()
                    .expectBody(JSON_OBJECT).consumeWith(body(problem -> {
                        assertThat(problem).containsEntry("field", "tables");
                        assertThat((String) problem.get("rule")).startsWith("at most 150 tables per request");
                    }));
            assertThat(emulator.stats().requestCount("CreateBackup")).isZero();
        } finally {
            many.forEach(emulator::deleteTable);
        }
    }

    @Test
    void bulkListOfMoreTablesThanTheCapIs400() {
        String tables = String.join("\",\"", java.util.Collections.nCopies(151, "orders-0"));
        web.post().uri("/backups:bulk").contentType(MediaType.APPLICATION_JSON).accept(MediaType.TEXT_EVENT_STREAM)
                .bodyValue("{\"tables\": [\"" + tables + "\"]}").exchange()
                .expectStatus().isBadRequest()
                .expectBody(JSON_OBJECT).consumeWith(hasEntry("field", "tables"));
        assertThat(emulator.stats().requestCount("CreateBackup")).isZero();
    }

    @Test
    void bulkConcurrencyOverTheCapIs400() {
        web.post().uri("/backups:bulk").contentType(MediaType.APPLICATION_JSON).accept(MediaType.TEXT_EVENT_STREAM)
                .bodyValue("{\"tables\": [\"orders-0\"], \"concurrency\": 17}").exchange()
                .expectStatus().isBadRequest()
                .expectBody(JSON_OBJECT).consumeWith(body(problem -> {
                    assertThat(problem).containsEntry("field", "concurrency");
                    assertThat(problem).containsEntry("rule", "range 1..16");
                }));
        assertThat(emulator.stats().requestCount("CreateBackup")).isZero();
    }

    @Test
    void listensOnLoopbackOnlyUnlessConfiguredOtherwise() {
        // This test's application sets no server.address: what it listens on is the service's default.
        assertThat(app.getEnvironment().getProperty("server.address")).isEqualTo("127.0.0.1");
    }

    private static void createTwoBackupsOf(String table) {
        emulator.createTable(table);
        for (String suffix : List.of("a", "b")) {
            web.post().uri("/tables/{table}/backups?name={name}", table, table + "-" + suffix).exchange()
                    .expectStatus().isCreated();
        }
    }

    // --- Actuator

    /** The scrape that examples-webflux/README.md shows: the client's meters after a bulk backup. */
    @Test
    void prometheusShowsTheClientsMetersAfterABulkBackup() {
        emulator.createTables("scraped-", 2);
        double createdBefore = scraped(scrape(), "ddb_backup_bulk_tables_total", "status=\"CREATED\"");
        assertThat(bulk("{\"tables\": [\"scraped-0\", \"scraped-1\"]}")).hasSize(3);

        String scrape = scrape();
        assertThat(scraped(scrape, "ddb_backup_bulk_tables_total", "status=\"CREATED\"") - createdBefore)
                .isEqualTo(2);
        assertThat(scraped(scrape, "ddb_backup_calls_seconds_count",
                "operation=\"CreateBackup\",outcome=\"success\"")).isGreaterThanOrEqualTo(2);
        assertThat(scraped(scrape, "ddb_backup_permit_wait_seconds_count", "operation=\"CreateBackup\""))
                .isGreaterThanOrEqualTo(2);
        assertThat(scraped(scrape, "ddb_backup_bulk_in_flight", "")).isZero();
        assertThat(scraped(scrape, "reactor_netty_connection_provider_max_connections", "name=\"ddb-backup\""))
                .isEqualTo(64);
        assertThat(scrape).contains("ddb_backup_ambiguous_resolutions_total{result=\"found\"} 0.0");
    }

    @Test
    void healthShowsTheClientUpWithItsRegion() {
        web.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody(JSON_OBJECT).consumeWith(body(health -> assertThat(health)
                        .extractingByKey("components").asInstanceOf(InstanceOfAssertFactories.MAP)
                        .extractingByKey("ddbBackup").isEqualTo(Map.of("status", "UP", "details",
                                Map.of("region", DynamoDbEmulator.DEFAULT_REGION, "credentials", "resolved")))));
    }

    private static String scrape() {
        return web.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    /** The value of the one sample of {@code metric} whose labels contain {@code labels}. */
    private static double scraped(String scrape, String metric, String labels) {
        List<String> samples = scrape.lines()
                .filter(line -> line.startsWith(metric + "{") || line.startsWith(metric + " "))
                .filter(line -> line.contains(labels)).toList();
        assertThat(samples).as(metric + " " + labels + " in\n" + scrape).hasSize(1);
        return Double.parseDouble(samples.get(0).substring(samples.get(0).lastIndexOf(' ') + 1));
    }

    private static List<ServerSentEvent<String>> bulk(String body) {
        return web.post().uri("/backups:bulk").contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.TEXT_EVENT_STREAM).bodyValue(body).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() { })
                .getResponseBody().collectList().block(WAIT);
    }
}
