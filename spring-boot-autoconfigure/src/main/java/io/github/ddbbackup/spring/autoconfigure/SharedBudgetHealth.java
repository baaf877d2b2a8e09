package io.github.ddbbackup.spring.autoconfigure;

import java.util.Optional;

/**
 * Whether the client's shared rate-limit budget stops its calls now, as last seen (asking nothing): read by
 * {@link DynamoDbBackupHealthIndicator}. The Redis limiter's is defined beside it.
 */
@FunctionalInterface
interface SharedBudgetHealth {

    /** Why every call fails for want of a permit now, if it does. */
    Optional<String> down();
}
