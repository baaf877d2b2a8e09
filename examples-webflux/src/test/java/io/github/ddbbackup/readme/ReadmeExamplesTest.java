package io.github.ddbbackup.readme;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.core.BackupDetails;
import io.github.ddbbackup.core.BackupSummary;
import io.github.ddbbackup.core.ListBackupsRequest;
import io.github.ddbbackup.core.RestoreRequest;
import io.github.ddbbackup.core.TableDescription;
import io.github.ddbbackup.ratelimit.redis.RedisFailurePolicy;
import io.github.ddbbackup.ratelimit.redis.RedisRateLimiter;
import io.github.ddbbackup.reactor.BackupOutcome;
import io.github.ddbbackup.reactor.BackupPlan;
import io.github.ddbbackup.reactor.DynamoDbBackupClient;
import io.github.ddbbackup.reactor.TableSelection;
import io.github.ddbbackup.spring.autoconfigure.DynamoDbBackupShutdownSignal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Outside the example's package on purpose: its {@code @SpringBootApplication} would otherwise scan the README's
 * controller below beside its own.
 *
 * <p>The Java blocks of the READMEs are compiled code: each block's lines (indentation aside) appear in the same order
 * in this file, or in a test of the module the README is about, in classes that are compiled but never run (building
 * them would need a region, AWS credentials or a Redis server).
 */
class ReadmeExamplesTest {

    private static final Pattern JAVA_BLOCK = Pattern.compile("(?s)```java\\n(.*?)```");

    /** Each README, and the tested files besides this one whose code its blocks may be. */
    static Stream<Arguments> readmes() {
        return Stream.of(
                Arguments.of("../README.md", List.of()),
                Arguments.of("../rate-limit-redis/README.md", List.of()),
                Arguments.of("../spring-boot-autoconfigure/README.md", List.of(
                        "../spring-boot-autoconfigure/src/test/java/io/github/ddbbackup/spring/autoconfigure/test/slice/"
                                + "WebFluxSliceWithEmulatorTest.java")));
    }

    @ParameterizedTest
    @MethodSource("readmes")
    void everyJavaBlockOfTheReadmeIsCompiledCode(String readme, List<String> testedFiles) throws IOException {
        List<List<String>> sources = new ArrayList<>();
        sources.add(lines(Files.readString(
                Path.of("src/test/java/io/github/ddbbackup/readme/ReadmeExamplesTest.java"))));
        for (String file : testedFiles) {
            sources.add(lines(Files.readString(Path.of(file))));
        }
        Matcher block = JAVA_BLOCK.matcher(Files.readString(Path.of(readme)));
        int blocks = 0;
        while (block.find()) {
            blocks++;
            List<String> example = lines(block.group(1));
            assertTrue(sources.stream().anyMatch(source -> Collections.indexOfSubList(source, example) >= 0),
                    readme + ": this block is code neither of ReadmeExamplesTest.java nor of " + testedFiles
                            + " (copy it there, or fix it):\n" + block.group(1));
        }
        assertFalse(blocks == 0, readme + " has no Java block any more: drop it from this test");
    }

    /** The non-blank lines, stripped: indentation differs between a README and a class body. */
    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                lines.add(line.strip());
            }
        }
        return lines;
    }

    /** README.md, "Using the client". */
    static class UsingTheClient {
        DynamoDbBackupClient client = DynamoDbBackupClient.builder().region("eu-west-1").build(); // one per application

        @PostMapping("/tables/{table}/backups")
        Mono<BackupDetails> backup(@PathVariable String table) {
            return client.createBackup(table, table + "-" + LocalDate.now());   // cold: sent on subscription
        }

        /** README.md, "Many tables". */
        Flux<BackupOutcome> manyTables() {
            Flux<BackupOutcome> outcomes = client.backupAll(
                    TableSelection.all().withPrefix("prod-").excluding(".*-tmp").tables(client),
                    BackupPlan.builder().nameTemplate("{table}-{timestamp}").concurrency(64).build());
            return outcomes;
        }

        /** README.md, "Restores". */
        Mono<TableDescription> restores(String backupArn) {
            Mono<TableDescription> restored = client.restoreTableFromBackup(RestoreRequest.builder("orders-restored", backupArn)
                    .billingModeOverride("PAY_PER_REQUEST").build())
                    .then(client.awaitTableActive("orders-restored", Duration.ofHours(2)));
            return restored;
        }
    }

    /** spring-boot-autoconfigure/README.md, the shutdown signal. */
    static Flux<BackupOutcome> stoppedAtShutdown(DynamoDbBackupClient client, DynamoDbBackupShutdownSignal shutdown,
                                                 Flux<String> tables, BackupPlan plan) {
        Flux<BackupOutcome> outcomes = shutdown.track(client.backupAll(tables, plan, shutdown.whenStopping()));
        return outcomes;
    }

    /** README.md, "Many processes, one budget". */
    static DynamoDbBackupClient manyProcessesOneBudget() {
        RedisRateLimiter shared = RedisRateLimiter.builder()
                .redisUri("redis://redis.internal:6379")
                .accountId("123456789012")                                   // one budget per account, whatever the keys
                .onRedisFailure(RedisFailurePolicy.fallbackToLocal(3))       // or failClosed() (the default)
                .build();
        DynamoDbBackupClient client = DynamoDbBackupClient.builder().rateLimiter(shared).build();
        // at shutdown: client.closeLater().then(shared.closeLater()), or close() on each (never blocks)
        return client;
    }

    /** rate-limit-redis/README.md. */
    static DynamoDbBackupClient sharedBudget() {
        RedisRateLimiter limiter = RedisRateLimiter.builder()
                .redisUri("redis://redis.internal:6379")                     // rediss://, redis-sentinel:// work too
                .accountId("123456789012")                                  // see "Keys" below
                .onRedisFailure(RedisFailurePolicy.fallbackToLocal(10))     // 10 replicas share the budget
                .build();
        DynamoDbBackupClient client = DynamoDbBackupClient.builder()
                .region("eu-west-1")
                .rateLimiter(limiter)                                       // instead of the client's own buckets
                .build();
        // at shutdown: client.closeLater().then(limiter.closeLater()), or close() on each (never blocks)
        return client;
    }
}

/** spring-boot-autoconfigure/README.md. */
@RestController
class BackupController {

    private final DynamoDbBackupClient client;

    BackupController(DynamoDbBackupClient client) {   // the auto-configured client
        this.client = client;
    }

    @PostMapping("/tables/{table}/backups")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<BackupDetails> backup(@PathVariable String table, @RequestParam String name) {
        return client.createBackup(table, name);        // cold: sent when WebFlux subscribes
    }

    @GetMapping(value = "/backups", produces = MediaType.APPLICATION_NDJSON_VALUE)
    Flux<BackupSummary> backups(@RequestParam String table) {
        // Pages are fetched as the response is written; a slow reader slows the listing.
        return client.listBackups(ListBackupsRequest.builder().tableName(table).build());
    }
}
