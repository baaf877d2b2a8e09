package io.github.ddbbackup.core.error;

/** {@code ResourceInUseException}: the resource is in use (e.g. a table being created). */
public final class ResourceInUseException extends ErrorResponseException.InUse {

    public static final String CODE = "ResourceInUseException";

    public ResourceInUseException(String errorMessage, int httpStatus, String requestId) {
        super(CODE, errorMessage, httpStatus, requestId);
    }
}
