package io.github.ddbbackup.spring.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Spring Boot's start-up failure report for invalid {@code ddb.backup.*} values, in the form of Boot's own binding
 * report, with what Boot's leaves out for nested properties: each property's value as written and its origin (file
 * and line). Only the properties refused are listed; placed before Boot's analyzer, which it replaces for this prefix.
 */
final class InvalidPropertiesFailureAnalyzer extends AbstractFailureAnalyzer<BindValidationException>
        implements Ordered {

    @Override
    protected @Nullable FailureAnalysis analyze(Throwable rootFailure, BindValidationException cause) {
        ValidationErrors errors = cause.getValidationErrors();
        if (!errors.getName().toString().equals(DynamoDbBackupProperties.PREFIX)) {
            return null;
        }
        StringBuilder description = new StringBuilder(String.format("Binding to target %s failed:%n",
                DynamoDbBackupProperties.class.getName()));
        List<String> properties = new ArrayList<>();
        for (ObjectError error : errors) {
            if (error instanceof FieldError field) {
                String property = DynamoDbBackupProperties.PREFIX + "." + field.getField();
                properties.add(property);
                Optional<ConfigurationProperty> bound = boundProperty(errors, property);
                description.append(String.format("%n    Property: %s", property));
                description.append(String.format("%n    Value: \"%s\"",
                        bound.<Object>map(ConfigurationProperty::getValue).orElse(field.getRejectedValue())));
                bound.map(ConfigurationProperty::getOrigin).ifPresent(origin ->
                        description.append(String.format("%n    Origin: %s", origin)));
            }
            description.append(String.format("%n    Reason: %s%n", error.getDefaultMessage()));
        }
        String action = properties.isEmpty() ? "Update your application's configuration."
                : "Update " + String.join(", ", properties)
                        + " in your application's configuration to a value that follows the rule given as reason.";
        return new FailureAnalysis(description.toString(), action, cause);
    }

    private static Optional<ConfigurationProperty> boundProperty(ValidationErrors errors, String property) {
        ConfigurationPropertyName name = ConfigurationPropertyName.of(property);
        return errors.getBoundProperties().stream().filter(bound -> bound.getName().equals(name)).findFirst();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
