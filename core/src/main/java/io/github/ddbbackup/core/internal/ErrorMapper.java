package io.github.ddbbackup.core.internal;

import io.github.ddbbackup.core.error.AccessDeniedException;
import io.github.ddbbackup.core.error.BackupInUseException;
import io.github.ddbbackup.core.error.BackupNotFoundException;
import io.github.ddbbackup.core.error.ContinuousBackupsUnavailableException;
import io.github.ddbbackup.core.error.ErrorResponseException;
import io.github.ddbbackup.core.error.ExpiredTokenException;
import io.github.ddbbackup.core.error.IncompleteSignatureException;
import io.github.ddbbackup.core.error.InternalFailureException;
import io.github.ddbbackup.core.error.InternalServerErrorException;
import io.github.ddbbackup.core.error.InvalidClientTokenIdException;
import io.github.ddbbackup.core.error.InvalidEndpointException;
import io.github.ddbbackup.core.error.InvalidSignatureException;
import io.github.ddbbackup.core.error.LimitExceededException;
import io.github.ddbbackup.core.error.MissingAuthenticationTokenException;
import io.github.ddbbackup.core.error.PointInTimeRecoveryUnavailableException;
import io.github.ddbbackup.core.error.ProvisionedThroughputExceededException;
import io.github.ddbbackup.core.error.RequestExpiredException;
import io.github.ddbbackup.core.error.RequestLimitExceededException;
import io.github.ddbbackup.core.error.ResourceInUseException;
import io.github.ddbbackup.core.error.ResourceNotFoundException;
import io.github.ddbbackup.core.error.SerializationException;
import io.github.ddbbackup.core.error.ServiceUnavailableException;
import io.github.ddbbackup.core.error.TableAlreadyExistsException;
import io.github.ddbbackup.core.error.TableInUseException;
import io.github.ddbbackup.core.error.TableNotFoundException;
import io.github.ddbbackup.core.error.ThrottlingException;
import io.github.ddbbackup.core.error.InternalServiceException;
import io.github.ddbbackup.core.error.InvalidParameterException;
import io.github.ddbbackup.core.error.PaginationTokenExpiredException;
import io.github.ddbbackup.core.error.UnknownOperationException;
import io.github.ddbbackup.core.error.UnrecognizedClientException;
import io.github.ddbbackup.core.error.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns an error response (HTTP status, {@code x-amzn-ErrorType}, {@code x-amzn-RequestId}, body) into a typed
 * {@link ErrorResponseException}. The one place that knows DynamoDB's error codes.
 *
 * <p>The code comes from the {@code x-amzn-ErrorType} header, else from the body's {@code __type}; either is cut at
 * the first {@code :} and taken after the {@code #}, since the namespace varies
 * ({@code com.amazonaws.dynamodb.v20120810#}, {@code com.amazon.coral.validate#}, or none). The message comes from
 * {@code message} or {@code Message}.
 */
public final class ErrorMapper {

    /** How much of a body that is not JSON is kept in the message. */
    public static final int BODY_EXCERPT_CHARS = 200;
    /**
     * The most characters of a server's error message that are kept: DynamoDB's are a sentence; a server that sends
     * more must not fill every log line and report entry with it.
     */
    public static final int MESSAGE_MAX_CHARS = 1024;

    /** Built when the class loads: Jackson builds a deserializer under a lock on first use, which must not be on an event loop. */
    private static final ObjectReader JSON = JsonMapper.builder().build().readerFor(JsonNode.class);

    @FunctionalInterface
    private interface Factory {
        ErrorResponseException create(@Nullable String message, int status, @Nullable String requestId);
    }

    private static final Map<String, Factory> BY_CODE = Map.ofEntries(
            Map.entry(LimitExceededException.CODE, LimitExceededException::new),
            Map.entry(ThrottlingException.CODE, ThrottlingException::new),
            Map.entry(RequestLimitExceededException.CODE, RequestLimitExceededException::new),
            Map.entry(ProvisionedThroughputExceededException.CODE, ProvisionedThroughputExceededException::new),
            Map.entry(InternalServerErrorException.CODE, InternalServerErrorException::new),
            Map.entry(InternalFailureException.CODE, InternalFailureException::new),
            Map.entry(ServiceUnavailableException.CODE, ServiceUnavailableException::new),
            Map.entry(TableNotFoundException.CODE, TableNotFoundException::new),
            Map.entry(BackupNotFoundException.CODE, BackupNotFoundException::new),
            Map.entry(ResourceNotFoundException.CODE, ResourceNotFoundException::new),
            Map.entry(BackupInUseException.CODE, BackupInUseException::new),
            Map.entry(TableInUseException.CODE, TableInUseException::new),
            Map.entry(ResourceInUseException.CODE, ResourceInUseException::new),
            Map.entry(TableAlreadyExistsException.CODE, TableAlreadyExistsException::new),
            Map.entry(PointInTimeRecoveryUnavailableException.CODE, PointInTimeRecoveryUnavailableException::new),
            Map.entry(ContinuousBackupsUnavailableException.CODE, ContinuousBackupsUnavailableException::new),
            Map.entry(AccessDeniedException.CODE, AccessDeniedException::new),
            Map.entry(IncompleteSignatureException.CODE, IncompleteSignatureException::new),
            Map.entry(InvalidSignatureException.CODE, InvalidSignatureException::new),
            // The same refusals as AWS's Query-protocol services (STS) spell them.
            Map.entry("AccessDenied", AccessDeniedException::new),
            Map.entry("SignatureDoesNotMatch", InvalidSignatureException::new),
            Map.entry(MissingAuthenticationTokenException.CODE, MissingAuthenticationTokenException::new),
            // DynamoDB's JSON protocol sends these two auth codes with an "Exception" suffix.
            Map.entry("MissingAuthenticationTokenException", MissingAuthenticationTokenException::new),
            Map.entry("IncompleteSignatureException", IncompleteSignatureException::new),
            Map.entry(UnrecognizedClientException.CODE, UnrecognizedClientException::new),
            Map.entry(RequestExpiredException.CODE, RequestExpiredException::new),
            Map.entry(ExpiredTokenException.CODE, ExpiredTokenException::new),
            Map.entry(InvalidClientTokenIdException.CODE, InvalidClientTokenIdException::new),
            Map.entry(ValidationException.CODE, ValidationException::new),
            Map.entry(SerializationException.CODE, SerializationException::new),
            Map.entry(UnknownOperationException.CODE, UnknownOperationException::new),
            Map.entry(InvalidEndpointException.CODE, InvalidEndpointException::new),
            // The Resource Groups Tagging API's own codes; its throttling is ThrottlingException by another name.
            Map.entry("ThrottledException", ThrottlingException::new),
            Map.entry(InternalServiceException.CODE, InternalServiceException::new),
            Map.entry(InvalidParameterException.CODE, InvalidParameterException::new),
            Map.entry(PaginationTokenExpiredException.CODE, PaginationTokenExpiredException::new));

    private ErrorMapper() {
    }

    /**
     * The exception for an error response.
     *
     * @param httpStatus      the response status
     * @param errorTypeHeader the {@code x-amzn-ErrorType} header, or {@code null}
     * @param requestId       the {@code x-amzn-RequestId} header, or {@code null}
     * @param body            the response body, possibly empty
     */
    public static ErrorResponseException map(int httpStatus, @Nullable String errorTypeHeader,
                                             @Nullable String requestId, byte[] body) {
        JsonNode json = parseObject(body);
        String code = codeOf(errorTypeHeader);
        if (code == null && json != null) {
            code = codeOf(text(json, "__type"));
        }
        if (json == null) {
            String excerpt = excerpt(body);
            String message = "error response is not JSON: " + (excerpt.isEmpty() ? "<empty body>" : excerpt);
            return create(code, message, httpStatus, requestId);
        }
        String message = text(json, "message");
        if (message == null) {
            message = text(json, "Message");
        }
        message = capped(message);
        return create(code, message, httpStatus, requestId);
    }

    /**
     * The error code from an {@code x-amzn-ErrorType} header or a {@code __type} member: the part before the first
     * {@code :}, after the last {@code #}. {@code null} for a blank value.
     */
    public static @Nullable String codeOf(@Nullable String errorType) {
        if (errorType == null) {
            return null;
        }
        int colon = errorType.indexOf(':');
        String beforeColon = colon >= 0 ? errorType.substring(0, colon) : errorType;
        String code = beforeColon.substring(beforeColon.lastIndexOf('#') + 1).trim();
        return code.isEmpty() ? null : code;
    }

    /**
     * The exception for an error whose code and message were already read (a service whose errors are not DynamoDB's
     * JSON, such as STS's XML): the code's own class, or, for an unknown code or none ({@code null}), the category its
     * status points to. The message is capped as {@link #map} caps it.
     */
    public static ErrorResponseException forCode(@Nullable String code, @Nullable String message, int status,
                                                 @Nullable String requestId) {
        return create(code, capped(message), status, requestId);
    }

    /** The code's own class, or, for an unknown code or none ({@code null}), the category its status points to. */
    private static ErrorResponseException create(@Nullable String code, @Nullable String message, int status,
                                                 @Nullable String requestId) {
        Factory factory = code == null ? null : BY_CODE.get(code);
        if (factory != null) {
            return factory.create(message, status, requestId);
        }
        return ErrorResponseException.byStatus(code, message, status, requestId);
    }

    private static @Nullable JsonNode parseObject(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (JacksonException notJson) {
            return null;
        }
    }

    private static @Nullable String text(JsonNode json, String member) {
        JsonNode value = json.get(member);
        return value != null && value.isString() ? value.asString() : null;
    }

    /** The message, or its first {@value #MESSAGE_MAX_CHARS} characters marked as cut. */
    static @Nullable String capped(@Nullable String message) {
        if (message == null || message.length() <= MESSAGE_MAX_CHARS) {
            return message;
        }
        return message.substring(0, cutBefore(message, MESSAGE_MAX_CHARS)) + "... [cut: " + message.length()
                + " characters in all]";
    }

    /** {@code limit}, or one less where that would cut a character outside the BMP (an emoji is two chars) in two. */
    private static int cutBefore(String text, int limit) {
        return Character.isHighSurrogate(text.charAt(limit - 1)) ? limit - 1 : limit;
    }

    /** The first {@value #BODY_EXCERPT_CHARS} characters of a body, as text. */
    public static String excerpt(byte[] body) {
        if (body == null) {
            return "";
        }
        String text = new String(body, 0, Math.min(body.length, BODY_EXCERPT_CHARS * 4), StandardCharsets.UTF_8);
        if (text.length() <= BODY_EXCERPT_CHARS) {
            return text;
        }
        return text.substring(0, cutBefore(text, BODY_EXCERPT_CHARS));
    }
}
