package io.github.ddbbackup.examples.webflux;

import io.github.ddbbackup.core.RequestValidationException;
import io.github.ddbbackup.core.error.ErrorResponseException;
import io.github.ddbbackup.core.error.AmbiguousOutcomeException;
import io.github.ddbbackup.core.error.MalformedResponseException;
import io.github.ddbbackup.core.error.RateLimitQueueFullException;
import io.github.ddbbackup.core.error.TransportException;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Which RFC 9457 problem an error of the client is, for the caller of this service.
 *
 * <table>
 *   <tr><th>Error</th><th>Status</th></tr>
 *   <tr><td>{@link RequestValidationException} (ours, before anything is sent), {@link ErrorResponseException.InvalidRequest}
 *       (DynamoDB's ValidationException...)</td><td>400</td></tr>
 *   <tr><td>{@link ErrorResponseException.NotFound} (TableNotFound, BackupNotFound...)</td><td>404</td></tr>
 *   <tr><td>{@link ErrorResponseException.InUse} (TableInUse, BackupInUse...)</td><td>409</td></tr>
 *   <tr><td>throttling (LimitExceeded, Throttling...), after the client's own retries</td>
 *       <td>429 + Retry-After</td></tr>
 *   <tr><td>{@link RateLimitQueueFullException}: this service's own queue for a DynamoDB budget is full</td>
 *       <td>503 + Retry-After</td></tr>
 *   <tr><td>anything else from upstream: 5xx, damaged responses, transport failures, refused credentials, a
 *       CreateBackup whose outcome is unknown</td><td>502</td></tr>
 * </table>
 *
 * <p>An error response carries {@code errorCode} (when the response named one) and {@code requestId} (when DynamoDB
 * sent one); a damaged response its {@code requestId}; an unknown CreateBackup outcome its {@code backupName};
 * validation errors {@code field} and {@code rule}. Client-side failures carry no error code: there is none.
 */
final class ProblemMapping {

    /**
     * DynamoDB's control-plane limits are per second and the client has already retried with backoff, so a caller
     * that waits one second finds a fresh budget.
     */
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private ProblemMapping() {
    }

    /** The problem and the headers to send with it; empty for an error that is not the client's. */
    static Optional<Problem> of(Throwable error) {
        if (error instanceof RequestValidationException e) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
            problem.setTitle("Invalid request");
            problem.setProperty("field", e.field());
            problem.setProperty("rule", e.rule());
            return Optional.of(new Problem(problem, HttpHeaders.EMPTY));
        }
        if (error instanceof RateLimitQueueFullException e) {
            return Optional.of(withRetryAfter(problem(HttpStatus.SERVICE_UNAVAILABLE,
                    "Too many calls waiting for DynamoDB", e.getMessage())));
        }
        if (error instanceof ErrorResponseException e) {
            return Optional.of(ofResponse(e));
        }
        if (error instanceof TransportException || error instanceof MalformedResponseException
                || error instanceof AmbiguousOutcomeException) {
            ProblemDetail problem = problem(HttpStatus.BAD_GATEWAY, "DynamoDB call failed", error.getMessage());
            if (error instanceof AmbiguousOutcomeException ambiguous) {
                // The backup may exist: the caller should look for it before asking again.
                problem.setProperty("backupName", ambiguous.backupName());
            }
            if (error instanceof MalformedResponseException damaged && damaged.requestId() != null) {
                problem.setProperty("requestId", damaged.requestId());
            }
            return Optional.of(new Problem(problem, HttpHeaders.EMPTY));
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
            case SERVER_ERROR, AUTH_REFUSED -> problem(HttpStatus.BAD_GATEWAY, "DynamoDB call failed", e.getMessage());
        };
        if (e.errorCode() != null) {
            problem.setProperty("errorCode", e.errorCode());
        }
        if (e.requestId() != null) {
            problem.setProperty("requestId", e.requestId());
        }
        return e.isThrottling() ? withRetryAfter(problem) : new Problem(problem, HttpHeaders.EMPTY);
    }

    private static ProblemDetail problem(HttpStatus status, String title, @Nullable String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }

    private static Problem withRetryAfter(ProblemDetail problem) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER.toSeconds()));
        return new Problem(problem, HttpHeaders.readOnlyHttpHeaders(headers));
    }

    /** A problem detail and its response headers. */
    record Problem(ProblemDetail detail, HttpHeaders headers) {
        HttpStatus status() {
            return HttpStatus.valueOf(detail.getStatus());
        }
    }
}
