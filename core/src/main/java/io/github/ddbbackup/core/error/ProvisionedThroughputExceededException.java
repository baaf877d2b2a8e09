package io.github.ddbbackup.core.error;

import org.jspecify.annotations.Nullable;

/** {@code ProvisionedThroughputExceededException}: the table's provisioned throughput is exceeded. */
public final class ProvisionedThroughputExceededException extends ErrorResponseException.Throttled {

    public static final String CODE = "ProvisionedThroughputExceededException";

    public ProvisionedThroughputExceededException(@Nullable String errorMessage, int httpStatus,
                                                  @Nullable String requestId) {
        super(CODE, errorMessage, httpStatus, requestId);
    }
}
