package io.github.ddbbackup.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * An invalid {@code ddb.backup.*} value fails the application at start-up, and the report Spring Boot prints (its
 * failure analysis) names the property, the value and the rule.
 */
class InvalidPropertiesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DynamoDbBackupAutoConfiguration.class))
            .withPropertyValues("ddb.backup.region=eu-west-1");

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "ddb.backup.retry.max-attempts | 0 | violates >= 1",
            "ddb.backup.retry.base-delay | 0s | violates > 0",
            "ddb.backup.retry.max-delay | -1s | violates > 0",
            "ddb.backup.timeouts.connect | 0s | violates > 0",
            "ddb.backup.timeouts.per-attempt | -5s | violates > 0",
            "ddb.backup.timeouts.overall | 0ms | violates > 0",
            "ddb.backup.connection-pool.max-connections | 0 | violates >= 1",
            "ddb.backup.connection-pool.pending-acquire-max | -1 | violates >= 1",
            "ddb.backup.max-response-bytes | 100B | violates >= 1024",
            "ddb.backup.max-response-bytes | 4GB | violates <= 2147483647",
            "ddb.backup.rate-limits.max-waiters | 0 | violates at least 1",
            "ddb.backup.rate-limits.jitter-margin | 2s | violates 0..PT1S",
            "ddb.backup.rate-limits.create-backup.permits-per-second | -1 | violates >= 0",
            "ddb.backup.rate-limits.create-backup.burst | 51 | violates 1..50",
            "ddb.backup.rate-limits.list-backups.burst | 0 | violates 1..5",
            "ddb.backup.rate-limits.list-tables.permits-per-second | 0.000001 | violates finite and at least",
            "ddb.backup.region | ' ' | violates non-blank",
            "ddb.backup.profile | ' ' | violates non-blank",
    })
    void anInvalidValueFailsStartUpNamingTheProperty(String property, String value, String rule) {
        runner.withPropertyValues(property + "=" + value).run(context -> {
            assertThat(context).hasFailed();
            String report = failureReport(context.getStartupFailure());
            assertThat(report).contains("Property: " + property).contains(rule);
        });
    }

    @org.junit.jupiter.api.Test
    void maxDelayBelowBaseDelayIsReportedOnMaxDelay() {
        runner.withPropertyValues("ddb.backup.retry.base-delay=2s", "ddb.backup.retry.max-delay=1s").run(context -> {
            String report = failureReport(context.getStartupFailure());
            assertThat(report).contains("Property: ddb.backup.retry.max-delay").contains("violates >= baseDelay");
        });
    }

    @org.junit.jupiter.api.Test
    void aValueOfTheWrongTypeNamesTheProperty() {
        runner.withPropertyValues("ddb.backup.timeouts.overall=soon").run(context -> {
            String report = failureReport(context.getStartupFailure());
            assertThat(report).contains("Property: ddb.backup.timeouts.overall").contains("soon");
        });
    }

    @org.junit.jupiter.api.Test
    void plainHttpToARemoteHostNamesTheEndpointProperty() {
        runner.withPropertyValues("ddb.backup.endpoint=http://dynamodb.example.test").run(context -> {
            String report = failureReport(context.getStartupFailure());
            assertThat(report).contains("ddb.backup.endpoint").contains("http://dynamodb.example.test")
                    .contains("plain http is accepted only for loopback hosts")
                    .contains("ddb.backup.allow-insecure-http");
        });
        runner.withPropertyValues("ddb.backup.endpoint=http://dynamodb.example.test",
                "ddb.backup.allow-insecure-http=true").run(context -> assertThat(context).hasNotFailed());
    }

    @org.junit.jupiter.api.Test
    void anEndpointWithAPathNamesTheEndpointProperty() {
        runner.withPropertyValues("ddb.backup.endpoint=https://dynamodb.example.test/v1").run(context -> {
            String report = failureReport(context.getStartupFailure());
            assertThat(report).contains("ddb.backup.endpoint").contains("violates no path");
        });
    }

    @org.junit.jupiter.api.Test
    void anEndpointWithUserInfoIsReportedUnderItsPropertyWithTheUserInfoRedacted() {
        runner.withPropertyValues("ddb.backup.endpoint=https://AKIAEXAMPLE:wJalrSECRET@dynamodb.example.test")
                .run(context -> {
                    String report = failureReport(context.getStartupFailure());
                    assertThat(report).contains("ddb.backup.endpoint").contains("<redacted>@dynamodb.example.test")
                            .contains("violates no user info")
                            .doesNotContain("wJalrSECRET").doesNotContain("AKIAEXAMPLE");
                });
    }

    @org.junit.jupiter.api.Test
    void everyInvalidPropertyIsReportedAtOnceEachUnderItsOwnName() {
        runner.withPropertyValues("ddb.backup.timeouts.connect=0s", "ddb.backup.timeouts.overall=-1s",
                "ddb.backup.retry.max-attempts=0", "ddb.backup.rate-limits.create-backup.burst=51").run(context -> {
                    String report = failureReport(context.getStartupFailure());
                    assertThat(report)
                            .contains("Property: ddb.backup.timeouts.connect").contains("Timeouts.connect: PT0S")
                            .contains("Property: ddb.backup.timeouts.overall").contains("Timeouts.overall: PT-1S")
                            .contains("Property: ddb.backup.retry.max-attempts")
                            .contains("Property: ddb.backup.rate-limits.create-backup.burst");
                });
    }

    @org.junit.jupiter.api.Test
    void maxAttemptsZeroIsReportedAloneWithItsFileAndLine() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DynamoDbBackupAutoConfiguration.class))
                .withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        applicationProperties("invalid-max-attempts.properties")))
                .run(context -> {
                    FailureAnalysis analysis = failureAnalysis(context.getStartupFailure());
                    assertThat(analysis.getDescription()).isEqualTo(String.format(
                            "Binding to target io.github.ddbbackup.spring.autoconfigure.DynamoDbBackupProperties "
                                    + "failed:%n%n"
                                    + "    Property: ddb.backup.retry.max-attempts%n"
                                    + "    Value: \"0\"%n"
                                    + "    Origin: class path resource [invalid-max-attempts.properties] - 3:31%n"
                                    + "    Reason: RetryPolicy.maxAttempts: 0 violates >= 1%n"));
                    assertThat(analysis.getAction()).isEqualTo("Update ddb.backup.retry.max-attempts in your "
                            + "application's configuration to a value that follows the rule given as reason.");
                });
    }

    /** A properties file of the test classpath loaded as Spring Boot loads application.properties: origin-tracked. */
    private static PropertySource<?> applicationProperties(String resource) {
        try {
            return new PropertiesPropertySourceLoader().load("application.properties", new ClassPathResource(resource))
                    .get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What Spring Boot prints when the application fails to start: the first failure analysis's description. */
    static String failureReport(Throwable failure) {
        return failureAnalysis(failure).getDescription();
    }

    /** What Spring Boot prints when the application fails to start: the first failure analysis that applies. */
    static FailureAnalysis failureAnalysis(Throwable failure) {
        assertThat(failure).as("start-up failure").isNotNull();
        return SpringFactoriesLoader.forDefaultResourceLocation(InvalidPropertiesTest.class.getClassLoader())
                .load(FailureAnalyzer.class, (type, name, error) -> { })
                .stream()
                .map(analyzer -> analyzer.analyze(failure))
                .filter(Objects::nonNull)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no failure analysis for " + failure, failure));
    }
}
