package io.github.ddbbackup.spring.autoconfigure.web;

import io.github.ddbbackup.core.error.DynamoDbCallException;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;

/**
 * Opt-in ({@code ddb.backup.web.problem-details.enabled=true}), WebFlux applications only: errors of requests as RFC
 * 9457 problems ({@link DynamoDbBackupProblemDetailsHandler}). Backs off when the application has its own
 * {@link ResponseEntityExceptionHandler}; runs before Spring Boot's WebFlux auto-configuration, so that with
 * {@code spring.webflux.problemdetails.enabled} also set this handler is the one, not Spring Boot's.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({ResponseEntityExceptionHandler.class, DynamoDbCallException.class})
@ConditionalOnBooleanProperty(DynamoDbBackupProblemDetailsAutoConfiguration.ENABLED)
public class DynamoDbBackupProblemDetailsAutoConfiguration {

    /** The switch, off by default. */
    public static final String ENABLED = "ddb.backup.web.problem-details.enabled";

    /** The handler, unless the application has its own {@link ResponseEntityExceptionHandler}. */
    @Bean
    @ConditionalOnMissingBean(ResponseEntityExceptionHandler.class)
    public DynamoDbBackupProblemDetailsHandler dynamoDbBackupProblemDetailsHandler() {
        return new DynamoDbBackupProblemDetailsHandler();
    }
}
