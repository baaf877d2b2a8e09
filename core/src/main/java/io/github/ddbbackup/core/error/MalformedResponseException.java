package io.github.ddbbackup.core.error;

/**
 * A response that could not be understood: not JSON, truncated, a member of the wrong type, a required member
 * missing, or a checksum mismatch. Retryable for reads; for CreateBackup the operation may nevertheless have happened,
 * which the client accounts for.
 */
public class MalformedResponseException extends DynamoDbCallException {

    public static final String CODE = "MalformedResponse";

    public MalformedResponseException(String detail, int httpStatus, String requestId, Throwable cause) {
        this(CODE, detail, httpStatus, requestId, cause);
    }

    protected MalformedResponseException(String code, String detail, int httpStatus, String requestId,
                                         Throwable cause) {
        super(code, detail, httpStatus, requestId, true, false, cause);
    }
}
