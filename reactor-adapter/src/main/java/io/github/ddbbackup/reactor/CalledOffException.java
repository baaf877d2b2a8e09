package io.github.ddbbackup.reactor;

/**
 * A call called off before it was sent (the bulk job was stopped, or its deadline passed, while the call waited for
 * its permit): nothing reached DynamoDB. The bulk job reports the table SKIPPED with {@link #getMessage()}.
 */
final class CalledOffException extends RuntimeException {

    CalledOffException(String reason) {
        super(reason, null, false, false);
    }
}
