package io.github.ddbbackup.core.error;

/** {@code ResourceNotFoundException}: the resource does not exist or is not ACTIVE. */
public final class ResourceNotFoundException extends ErrorResponseException.NotFound {

    public static final String CODE = "ResourceNotFoundException";

    public ResourceNotFoundException(String errorMessage, int httpStatus, String requestId) {
        super(CODE, errorMessage, httpStatus, requestId);
    }
}
