package io.github.ddbbackup.core.error;

/** {@code ProvisionedThroughputExceededException}: the table's provisioned throughput is exceeded. */
public final class ProvisionedThroughputExceededException extends ErrorResponseException.Throttled {

    public static final String CODE = "ProvisionedThroughputExceededException";

    public ProvisionedThroughputExceededException(String errorMessage, int httpStatus, String requestId) {
        super(CODE, errorMessage, httpStatus, requestId);
    }
}
