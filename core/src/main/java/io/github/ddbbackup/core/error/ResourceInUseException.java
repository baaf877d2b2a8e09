package io.github.ddbbackup.core.error;

import org.jspecify.annotations.Nullable;

/** {@code ResourceInUseException}: the resource is in use (e.g. a table being created). */
public final class ResourceInUseException extends ErrorResponseException.InUse {

    public static final String CODE = "ResourceInUseException";

    public ResourceInUseException(@Nullable String errorMessage, int httpStatus, @Nullable String requestId) {
        super(CODE, errorMessage, httpStatus, requestId);
    }
}
