package io.github.ddbbackup.core.error;

import org.jspecify.annotations.Nullable;

/** {@code ResourceNotFoundException}: the resource does not exist or is not ACTIVE. */
public final class ResourceNotFoundException extends ErrorResponseException.NotFound {

    public static final String CODE = "ResourceNotFoundException";

    public ResourceNotFoundException(@Nullable String errorMessage, int httpStatus, @Nullable String requestId) {
        super(CODE, errorMessage, httpStatus, requestId);
    }
}
