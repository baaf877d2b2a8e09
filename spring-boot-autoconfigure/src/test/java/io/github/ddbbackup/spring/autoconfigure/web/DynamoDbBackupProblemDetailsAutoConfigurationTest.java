package io.github.ddbbackup.spring.autoconfigure.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;

/** When the problem-details handler is created: opt-in, WebFlux only, backing off to the application's own. */
class DynamoDbBackupProblemDetailsAutoConfigurationTest {

    private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DynamoDbBackupProblemDetailsAutoConfiguration.class));

    @Test
    void registeredInAutoConfigurationImports() {
        assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()).getCandidates())
                .contains(DynamoDbBackupProblemDetailsAutoConfiguration.class.getName());
    }

    @Test
    void offByDefault() {
        runner.run(context -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(DynamoDbBackupProblemDetailsHandler.class));
    }

    @Test
    void enabledInAWebFluxApplication() {
        runner.withPropertyValues(DynamoDbBackupProblemDetailsAutoConfiguration.ENABLED + "=true")
                .run(context -> assertThat(context).hasSingleBean(DynamoDbBackupProblemDetailsHandler.class));
    }

    @Test
    void notInAnApplicationThatIsNotWebFlux() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DynamoDbBackupProblemDetailsAutoConfiguration.class))
                .withPropertyValues(DynamoDbBackupProblemDetailsAutoConfiguration.ENABLED + "=true")
                .run(context -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean(DynamoDbBackupProblemDetailsHandler.class));
    }

    @Test
    void backsOffToTheApplicationsOwnExceptionHandler() {
        runner.withPropertyValues(DynamoDbBackupProblemDetailsAutoConfiguration.ENABLED + "=true")
                .withUserConfiguration(OwnHandler.class)
                .run(context -> assertThat(context).hasSingleBean(ResponseEntityExceptionHandler.class)
                        .doesNotHaveBean(DynamoDbBackupProblemDetailsHandler.class));
    }

    @Test
    void isTheOneHandlerWhenSpringBootsProblemDetailsAreOnToo() {
        runner.withConfiguration(AutoConfigurations.of(WebFluxAutoConfiguration.class))
                .withPropertyValues(DynamoDbBackupProblemDetailsAutoConfiguration.ENABLED + "=true",
                        "spring.webflux.problemdetails.enabled=true")
                .run(context -> assertThat(context).hasSingleBean(ResponseEntityExceptionHandler.class)
                        .hasSingleBean(DynamoDbBackupProblemDetailsHandler.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnHandler {
        @Bean
        ResponseEntityExceptionHandler ownHandler() {
            return new ResponseEntityExceptionHandler() { };
        }
    }
}
