package io.github.ddbbackup.core.error;

import org.jspecify.annotations.Nullable;

/**
 * DynamoDB, or something in front of it, answered the call with an error response. What the response said is kept:
 * {@link #errorCode()}, {@link #errorMessage()}, {@link #httpStatus()}, {@link #requestId()}.
 *
 * <p>Every error response is in exactly one of six categories, the nested classes below, chosen by what the caller
 * can do about it. Each error code this library knows has its own class under its category, named as in AWS's
 * documentation ({@link TableNotFoundException} under {@link NotFound}); an error code it does not know is reported
 * as the category its HTTP status points to (429: {@link Throttled}, 5xx: {@link ServerError}, any other:
 * {@link InvalidRequest}), with the code kept in {@link #errorCode()}. Whether an error is retryable or throttling
 * follows from its category. To branch on the category rather than catch it, switch over {@link #category()}: the
 * compiler checks that every category is handled.
 */
public abstract sealed class ErrorResponseException extends DynamoDbCallException
        permits ErrorResponseException.Throttled, ErrorResponseException.ServerError, ErrorResponseException.NotFound,
        ErrorResponseException.InUse, ErrorResponseException.AuthRefused, ErrorResponseException.InvalidRequest {

    private final @Nullable String errorCode;
    private final String errorMessage;
    private final int httpStatus;
    private final @Nullable String requestId;
    private final Category category;

    ErrorResponseException(@Nullable String errorCode, @Nullable String errorMessage, int httpStatus,
                           @Nullable String requestId, Category category) {
        super(describe(errorCode, errorMessage, httpStatus, requestId), category.retryable, null);
        this.errorCode = errorCode;
        this.errorMessage = errorMessage == null ? "" : errorMessage;
        this.httpStatus = httpStatus;
        this.requestId = requestId;
        this.category = category;
    }

    /** The six categories, one constant per nested class, each with its retry and throttling answer. */
    public enum Category {
        /** {@link Throttled}: retryable, throttling. */
        THROTTLED(true, true),
        /** {@link ServerError}: retryable. */
        SERVER_ERROR(true, false),
        /** {@link NotFound}: not retryable. */
        NOT_FOUND(false, false),
        /** {@link InUse}: not retryable. */
        IN_USE(false, false),
        /** {@link AuthRefused}: not retryable. */
        AUTH_REFUSED(false, false),
        /** {@link InvalidRequest}: not retryable. */
        INVALID_REQUEST(false, false);

        private final boolean retryable;
        private final boolean throttling;

        Category(boolean retryable, boolean throttling) {
            this.retryable = retryable;
            this.throttling = throttling;
        }
    }

    /**
     * The error for a response whose code this library does not know, or that named none: the category its HTTP
     * status points to.
     *
     * @param errorCode    the code as sent, without namespace; {@code null} when the response named none
     * @param errorMessage the response's message; may be {@code null} or empty
     * @param httpStatus   the response's HTTP status
     * @param requestId    {@code x-amzn-RequestId}, or {@code null} when absent
     * @return a {@link Throttled} for 429, a {@link ServerError} for 5xx, an {@link InvalidRequest} for any other status
     */
    public static ErrorResponseException byStatus(@Nullable String errorCode, @Nullable String errorMessage, int httpStatus,
                                                  @Nullable String requestId) {
        if (httpStatus == 429) {
            return new Throttled(errorCode, errorMessage, httpStatus, requestId);
        }
        if (httpStatus >= 500) {
            return new ServerError(errorCode, errorMessage, httpStatus, requestId);
        }
        return new InvalidRequest(errorCode, errorMessage, httpStatus, requestId);
    }

    /**
     * The error code without its namespace, e.g. {@code LimitExceededException}; {@code null} when the response named
     * none (a proxy's HTML error page, say).
     */
    public @Nullable String errorCode() {
        return errorCode;
    }

    /** The response's message; empty when it sent none. */
    public String errorMessage() {
        return errorMessage;
    }

    /** The HTTP status of the response. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The {@code x-amzn-RequestId} of the response (what AWS support asks for), or {@code null} when absent. */
    public @Nullable String requestId() {
        return requestId;
    }

    /** The category this error is in: the constant of the nested class it is an instance of. */
    public Category category() {
        return category;
    }

    /** Whether DynamoDB asked the caller to slow down: true exactly for {@link Throttled}, which is also retryable. */
    public boolean isThrottling() {
        return category.throttling;
    }

    private static String describe(@Nullable String code, @Nullable String message, int status, @Nullable String requestId) {
        StringBuilder s = new StringBuilder(code != null ? code : "error response without an error code");
        if (message != null && !message.isEmpty()) {
            s.append(": ").append(message);
        }
        s.append(" (HTTP ").append(status);
        if (requestId != null) {
            s.append(", request id ").append(requestId);
        }
        return s.append(')').toString();
    }

    /**
     * DynamoDB asked the caller to slow down ({@link LimitExceededException}, {@link ThrottlingException},
     * {@link RequestLimitExceededException}, {@link ProvisionedThroughputExceededException}, or an unknown code with
     * HTTP 429). Retryable with backoff, and throttling.
     */
    public static sealed class Throttled extends ErrorResponseException
            permits LimitExceededException, ThrottlingException, RequestLimitExceededException,
            ProvisionedThroughputExceededException {

        Throttled(@Nullable String errorCode, @Nullable String errorMessage, int httpStatus, @Nullable String requestId) {
            super(errorCode, errorMessage, httpStatus, requestId, Category.THROTTLED);
        }
    }

    /**
     * DynamoDB failed on its side ({@link InternalServerErrorException}, {@link InternalFailureException},
     * {@link ServiceUnavailableException}, or any 5xx without a known code, such as a proxy's error page). Retryable.
     */
    public static sealed class ServerError extends ErrorResponseException
            permits InternalServerErrorException, InternalFailureException, ServiceUnavailableException,
            InternalServiceException {

        ServerError(@Nullable String errorCode, @Nullable String errorMessage, int httpStatus, @Nullable String requestId) {
            super(errorCode, errorMessage, httpStatus, requestId, Category.SERVER_ERROR);
        }
    }

    /**
     * The table, backup or resource named in the request does not exist ({@link TableNotFoundException},
     * {@link BackupNotFoundException}, {@link ResourceNotFoundException}). Not retryable.
     */
    public abstract static sealed class NotFound extends ErrorResponseException
            permits TableNotFoundException, BackupNotFoundException, ResourceNotFoundException {

        NotFound(@Nullable String errorCode, @Nullable String errorMessage, int httpStatus, @Nullable String requestId) {
            super(errorCode, errorMessage, httpStatus, requestId, Category.NOT_FOUND);
        }
    }

    /**
     * Another operation on the same table or backup is under way, or the name is taken ({@link BackupInUseException},
     * {@link TableInUseException}, {@link ResourceInUseException}, {@link TableAlreadyExistsException}). Not retried by the client: the bulk job retries
     * BackupInUseException on its own terms.
     */
    public abstract static sealed class InUse extends ErrorResponseException
            permits BackupInUseException, TableInUseException, ResourceInUseException, TableAlreadyExistsException {

        InUse(@Nullable String errorCode, @Nullable String errorMessage, int httpStatus, @Nullable String requestId) {
            super(errorCode, errorMessage, httpStatus, requestId, Category.IN_USE);
        }
    }

    /**
     * The request's credentials or signature were refused ({@link AccessDeniedException},
     * {@link UnrecognizedClientException}, {@link InvalidSignatureException}, {@link ExpiredTokenException}...).
     * Not retryable: the credentials must change.
     */
    public abstract static sealed class AuthRefused extends ErrorResponseException
            permits AccessDeniedException, IncompleteSignatureException, InvalidSignatureException,
            MissingAuthenticationTokenException, UnrecognizedClientException, RequestExpiredException,
            ExpiredTokenException, InvalidClientTokenIdException {

        AuthRefused(@Nullable String errorCode, @Nullable String errorMessage, int httpStatus, @Nullable String requestId) {
            super(errorCode, errorMessage, httpStatus, requestId, Category.AUTH_REFUSED);
        }
    }

    /**
     * DynamoDB refused the request as it is ({@link ValidationException}, {@link SerializationException},
     * {@link UnknownOperationException}, {@link ContinuousBackupsUnavailableException},
     * {@link InvalidEndpointException}, {@link PointInTimeRecoveryUnavailableException}, or an unknown code with a status that is neither 429 nor 5xx). Not retryable:
     * the request, the table's settings or the endpoint must change.
     */
    public static sealed class InvalidRequest extends ErrorResponseException
            permits ValidationException, SerializationException, UnknownOperationException,
            ContinuousBackupsUnavailableException, InvalidEndpointException, PointInTimeRecoveryUnavailableException,
            InvalidParameterException, PaginationTokenExpiredException {

        InvalidRequest(@Nullable String errorCode, @Nullable String errorMessage, int httpStatus, @Nullable String requestId) {
            super(errorCode, errorMessage, httpStatus, requestId, Category.INVALID_REQUEST);
        }
    }
}
