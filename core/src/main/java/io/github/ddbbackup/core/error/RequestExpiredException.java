package io.github.ddbbackup.core.error;

import org.jspecify.annotations.Nullable;

/** {@code RequestExpired}: the request's date is too far from the server's clock. */
public final class RequestExpiredException extends ErrorResponseException.AuthRefused {

    public static final String CODE = "RequestExpired";

    public RequestExpiredException(@Nullable String errorMessage, int httpStatus, @Nullable String requestId) {
        super(CODE, errorMessage, httpStatus, requestId);
    }
}
