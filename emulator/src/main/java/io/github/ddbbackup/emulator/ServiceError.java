package io.github.ddbbackup.emulator;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An error answer of the emulated service: HTTP status, error code and message. The body's {@code __type} carries the
 * namespace DynamoDB uses for that code (found in real responses): {@code com.amazon.coral.validate#} for
 * ValidationException, {@code com.amazon.coral.service#} for authentication and protocol errors,
 * {@code com.amazon.coral.availability#} for ThrottlingException, {@code com.amazonaws.dynamodb.v20120810#} for the
 * rest.
 */
final class ServiceError extends RuntimeException {

    static final String DYNAMODB_NAMESPACE = "com.amazonaws.dynamodb.v20120810#";
    static final String SERVICE_NAMESPACE = "com.amazon.coral.service#";
    static final String VALIDATE_NAMESPACE = "com.amazon.coral.validate#";
    static final String AVAILABILITY_NAMESPACE = "com.amazon.coral.availability#";

    private static final Map<String, String> NAMESPACE_BY_CODE = Map.ofEntries(
            Map.entry("ValidationException", VALIDATE_NAMESPACE),
            Map.entry("ThrottlingException", AVAILABILITY_NAMESPACE),
            Map.entry("SerializationException", SERVICE_NAMESPACE),
            Map.entry("UnknownOperationException", SERVICE_NAMESPACE),
            Map.entry("MissingAuthenticationTokenException", SERVICE_NAMESPACE),
            Map.entry("IncompleteSignatureException", SERVICE_NAMESPACE),
            Map.entry("InvalidSignatureException", SERVICE_NAMESPACE),
            Map.entry("UnrecognizedClientException", SERVICE_NAMESPACE),
            Map.entry("AccessDeniedException", SERVICE_NAMESPACE),
            Map.entry("ExpiredTokenException", SERVICE_NAMESPACE),
            Map.entry("RequestExpired", SERVICE_NAMESPACE),
            Map.entry("InternalFailure", SERVICE_NAMESPACE),
            Map.entry("ServiceUnavailable", SERVICE_NAMESPACE),
            Map.entry(RequestHandler.REQUEST_TOO_LARGE, SERVICE_NAMESPACE));

    private final int status;
    private final String code;

    ServiceError(int status, String code, @Nullable String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    /** The body's {@code __type}: namespace and code. */
    String type() {
        return NAMESPACE_BY_CODE.getOrDefault(code, DYNAMODB_NAMESPACE) + code;
    }

    static ServiceError validation(@Nullable String message) {
        return new ServiceError(400, "ValidationException", message);
    }

    static ServiceError serialization(@Nullable String message) {
        return new ServiceError(400, "SerializationException", message);
    }

    static ServiceError unknownOperation(String target) {
        return new ServiceError(400, "UnknownOperationException",
                target == null ? "Request is missing the X-Amz-Target header" : "Unknown operation: " + target);
    }

    static ServiceError tableNotFound(String table) {
        return new ServiceError(400, "TableNotFoundException", "Table not found: " + table);
    }

    static ServiceError tableInUse(String table, String status) {
        return new ServiceError(400, "TableInUseException",
                "Table is not ACTIVE: " + table + " is " + status);
    }

    static ServiceError resourceNotFound(String table) {
        return new ServiceError(400, "ResourceNotFoundException",
                "Requested resource not found: Table: " + table + " not found");
    }

    static ServiceError resourceInUse(String message) {
        return new ServiceError(400, "ResourceInUseException", message);
    }

    static ServiceError backupNotFound(String arn) {
        return new ServiceError(400, "BackupNotFoundException", "Backup not found: " + arn);
    }

    static ServiceError backupInUse(String message) {
        return new ServiceError(400, "BackupInUseException", message);
    }

    static ServiceError continuousBackupsUnavailable(String table) {
        return new ServiceError(400, "ContinuousBackupsUnavailableException",
                "Backups have not yet been enabled for table: " + table);
    }

    static ServiceError tableAlreadyExists(String table) {
        return new ServiceError(400, "TableAlreadyExistsException", "Table already exists: " + table);
    }

    static ServiceError limitExceeded(String message) {
        return new ServiceError(400, "LimitExceededException", message);
    }

    static ServiceError limitExceeded(String operation, int perSecond) {
        return new ServiceError(400, "LimitExceededException",
                "Too many " + operation + " requests: at most " + perSecond + " per second are allowed");
    }
}
