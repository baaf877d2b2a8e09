package io.github.ddbbackup.spring.autoconfigure;

/**
 * The application's wiring cannot give the auto-configured client what it needs (several credentials providers and
 * none chosen, no region anywhere): start-up stops, and {@link DynamoDbBackupWiringFailureAnalyzer} prints
 * {@link #description()} and {@link #action()} as Spring Boot's failure report.
 */
public final class DynamoDbBackupWiringException extends IllegalStateException {

    private final String description;
    private final String action;

    DynamoDbBackupWiringException(String description, String action) {
        super(description + " " + action);
        this.description = description;
        this.action = action;
    }

    /** What is wrong, naming the beans or the sources looked at. */
    public String description() {
        return description;
    }

    /** How to fix it, naming the property or annotation to use. */
    public String action() {
        return action;
    }
}
