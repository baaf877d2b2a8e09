package io.github.ddbbackup.spring.autoconfigure;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.NoUniqueBeanDefinitionException;

/**
 * The application's bean of a type the client takes (credentials, region): the only one, the {@code @Primary} one, or
 * the one a property names; several with none chosen stop start-up naming them, rather than the client silently
 * falling back to the AWS SDK's defaults (which in production may sign with the instance's role).
 */
final class ApplicationBean {

    private ApplicationBean() {
    }

    /**
     * The bean of {@code type} named {@code name} when it is set, else the only or {@code @Primary} one, else null.
     *
     * @param property the property that names the bean to use, or null when there is none
     */
    static <T> @Nullable T choose(ListableBeanFactory beans, Class<T> type, @Nullable String name,
                                  @Nullable String property, String alternative) {
        List<String> candidates = Arrays.asList(beans.getBeanNamesForType(type));
        if (name != null) {
            if (!candidates.contains(name)) {
                throw new DynamoDbBackupWiringException(property + "=" + name + " names no " + type.getSimpleName()
                        + " bean; the application has " + names(candidates) + ".",
                        "Set " + property + " to the name of one of them, or remove it.");
            }
            return beans.getBean(name, type);
        }
        try {
            return beans.getBeanProvider(type).getIfAvailable();
        } catch (NoUniqueBeanDefinitionException e) {
            String found = e.getBeanNamesFound() == null ? names(candidates) : names(e.getBeanNamesFound());
            throw new DynamoDbBackupWiringException("The DynamoDB backup client needs one " + type.getSimpleName()
                    + ", but the application has " + e.getNumberOfBeansFound() + " and none is @Primary: " + found
                    + ".", "Mark one of them @Primary" + (property == null ? "" : ", or set " + property
                    + " to the name of the one to use") + ", or " + alternative + ".");
        }
    }

    private static String names(Collection<String> names) {
        return names.isEmpty() ? "none" : "'" + String.join("', '", names) + "'";
    }
}
