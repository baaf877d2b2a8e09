package io.github.ddbbackup.spring.autoconfigure.web;

import io.github.ddbbackup.core.RequestValidationException;
import io.github.ddbbackup.core.error.AmbiguousOutcomeException;
import io.github.ddbbackup.core.error.BackupNotAvailableException;
import io.github.ddbbackup.core.error.CredentialsUnavailableException;
import io.github.ddbbackup.core.error.ErrorResponseException;
import io.github.ddbbackup.core.error.MalformedResponseException;
import io.github.ddbbackup.core.error.RateLimitQueueFullException;
import io.github.ddbbackup.core.error.SharedRateLimiterUnavailableException;
import io.github.ddbbackup.core.error.TransportException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Which RFC 9457 problem an error of the client is, for the caller of a service that made the call.
 *
 * <table>
 *   <caption>Status by error</caption>
 *   <tr><th>Error</th><th>Status</th></tr>
 *   <tr><td>{@link RequestValidationException} (before anything is sent),
 *       {@link ErrorResponseException.InvalidRequest} (DynamoDB's ValidationException...)</td><td>400</td></tr>
 *   <tr><td>{@link ErrorResponseException.NotFound} (TableNotFound, BackupNotFound...)</td><td>404</td></tr>
 *   <tr><td>{@link ErrorResponseException.InUse} (TableInUse, BackupInUse...)</td><td>409</td></tr>
 *   <tr><td>{@link BackupNotAvailableException}: a backup waited for was deleted or lost</td><td>410</td></tr>
 *   <tr><td>{@link BackupNotAvailableException}: a backup waited for exists but was not seen AVAILABLE in time</td>
 *       <td>504</td></tr>
 *   <tr><td>{@link ErrorResponseException.Throttled}, after the client's own retries</td>
 *       <td>429 + Retry-After</td></tr>
 *   <tr><td>{@link RateLimitQueueFullException}: the service's own queue for a DynamoDB budget is full</td>
 *       <td>503 + Retry-After</td></tr>
 *   <tr><td>{@link SharedRateLimiterUnavailableException}: the shared budget (Redis) could not be asked</td>
 *       <td>503</td></tr>
 *   <tr><td>upstream failures: {@link ErrorResponseException.ServerError}, {@link ErrorResponseException.AuthRefused},
 *       {@link MalformedResponseException}, {@link TransportException}, {@link AmbiguousOutcomeException},
 *       {@link CredentialsUnavailableException}</td><td>502</td></tr>
 * </table>
 *
 * <p>An error response's problem carries {@code errorCode} (when the response named one) and {@code requestId} (when
 * DynamoDB sent one); a damaged response its {@code requestId}; an unknown CreateBackup outcome its {@code backupName};
 * validation errors {@code field} and {@code rule}. The detail of a 502 or 503 says what failed without the
 * exception's message, which may name upstream hosts, addresses or the credentials chain: those stay in the
 * service's log.
 */
public final class DynamoDbBackupProblems {

    /**
     * DynamoDB's control-plane limits are per second and the client has already retried with backoff, so a caller
     * that waits one second finds a fresh budget.
     */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private DynamoDbBackupProblems() {
    }

    /** The problem and the headers to send with it; empty for an error that is not the client's. */
    public static Optional<Problem> of(Throwable error) {
        if (error instanceof RequestValidationException e) {
            ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request",
                    String.valueOf(e.getMessage()));
            problem.setProperty("field", e.field());
            problem.setProperty("rule", e.rule());
            return Optional.of(new Problem(problem, HttpHeaders.EMPTY));
        }
        if (error instanceof ErrorResponseException e) {
            return Optional.of(ofResponse(e));
        }
        if (error instanceof RateLimitQueueFullException) {
            return Optional.of(withRetryAfter(problem(HttpStatus.SERVICE_UNAVAILABLE,
                    "Too many calls waiting for DynamoDB", "too many calls wait for the same DynamoDB budget")));
        }
        if (error instanceof SharedRateLimiterUnavailableException) {
            return Optional.of(plain(problem(HttpStatus.SERVICE_UNAVAILABLE, "Shared rate limit unavailable",
                    "the budget shared with the other instances could not be asked; nothing was sent")));
        }
        if (error instanceof BackupNotAvailableException e) {
            return Optional.of(plain(switch (e.reason()) {
                case DELETED -> problem(HttpStatus.GONE, "Backup deleted",
                        "the backup " + e.backupArn() + " was deleted and will never be available");
                case LOST -> problem(HttpStatus.GONE, "Backup lost",
                        "the backup " + e.backupArn() + " was listed, then found no more");
                // The backup exists: a client that retries the request would back the table up a second time.
                case NOT_CONFIRMED_IN_TIME -> problem(HttpStatus.GATEWAY_TIMEOUT, "Backup not yet available",
                        "the backup " + e.backupArn() + " exists but was not seen AVAILABLE in time: do not create"
                                + " another; ask for it again later");
            }));
        }
        return upstream(error).map(DynamoDbBackupProblems::plain);
    }

    /** A failure between the service and DynamoDB, said without the message (hosts, addresses, credentials chain). */
    private static Optional<ProblemDetail> upstream(Throwable error) {
        if (error instanceof TransportException e) {
            return Optional.of(badGateway(e.requestWritten() ? "no complete answer came from DynamoDB"
                    : "DynamoDB could not be reached; nothing was sent"));
        }
        if (error instanceof MalformedResponseException e) {
            ProblemDetail problem = badGateway("DynamoDB's answer (HTTP " + e.httpStatus() + ") could not be read");
            if (e.requestId() != null) {
                problem.setProperty("requestId", e.requestId());
            }
            return Optional.of(problem);
        }
        if (error instanceof AmbiguousOutcomeException e) {
            // The backup may exist: the caller should look for it before asking again.
            ProblemDetail problem = badGateway("the CreateBackup of table " + e.tableName() + " as " + e.backupName()
                    + " may or may not have happened: look for the backup before asking again");
            problem.setProperty("backupName", e.backupName());
            return Optional.of(problem);
        }
        if (error instanceof CredentialsUnavailableException) {
            return Optional.of(badGateway("the service has no AWS credentials to call DynamoDB with"));
        }
        return Optional.empty();
    }

    /** What DynamoDB answered, with its error code and request id. */
    private static Problem ofResponse(ErrorResponseException e) {
        ProblemDetail problem = switch (e.category()) {
            case INVALID_REQUEST -> problem(HttpStatus.BAD_REQUEST, "Rejected by DynamoDB", e.errorMessage());
            case NOT_FOUND -> problem(HttpStatus.NOT_FOUND, "Not found", e.errorMessage());
            case IN_USE -> problem(HttpStatus.CONFLICT, "In use", e.errorMessage());
            case THROTTLED -> problem(HttpStatus.TOO_MANY_REQUESTS, "DynamoDB is throttling", e.errorMessage());
            // A proxy's error page or an STS refusal may name hosts: the status and the code say enough.
            case SERVER_ERROR -> badGateway("DynamoDB answered HTTP " + e.httpStatus()
                    + (e.errorCode() != null ? " " + e.errorCode() : " without an error code"));
            case AUTH_REFUSED -> badGateway("DynamoDB refused the service's credentials"
                    + (e.errorCode() != null ? " (" + e.errorCode() + ")" : ""));
        };
        if (e.errorCode() != null) {
            problem.setProperty("errorCode", e.errorCode());
        }
        if (e.requestId() != null) {
            problem.setProperty("requestId", e.requestId());
        }
        return e.isThrottling() ? withRetryAfter(problem) : plain(problem);
    }

    private static ProblemDetail badGateway(String detail) {
        return problem(HttpStatus.BAD_GATEWAY, "DynamoDB call failed", detail);
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }

    private static Problem plain(ProblemDetail problem) {
        return new Problem(problem, HttpHeaders.EMPTY);
    }

    private static Problem withRetryAfter(ProblemDetail problem) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER.toSeconds()));
        return new Problem(problem, HttpHeaders.readOnlyHttpHeaders(headers));
    }

    /**
     * A problem detail and its response headers.
     *
     * @param detail  the problem, its status set
     * @param headers headers to send with it ({@code Retry-After}), or none
     */
    public record Problem(ProblemDetail detail, HttpHeaders headers) {

        /** The problem's status. */
        public HttpStatus status() {
            return HttpStatus.valueOf(detail.getStatus());
        }
    }
}
