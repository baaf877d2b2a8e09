package io.github.ddbbackup.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Spring Boot's start-up failure report for a {@link DynamoDbBackupWiringException}. */
final class DynamoDbBackupWiringFailureAnalyzer extends AbstractFailureAnalyzer<DynamoDbBackupWiringException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DynamoDbBackupWiringException cause) {
        return new FailureAnalysis(cause.description(), cause.action(), cause);
    }
}
