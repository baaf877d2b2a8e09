package io.github.ddbbackup.spring.autoconfigure.web;

import io.github.ddbbackup.core.RequestValidationException;
import io.github.ddbbackup.core.error.DynamoDbCallException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Every error of a request as an RFC 9457 problem, {@code application/problem+json} whatever the request accepted (a
 * request that asked for an event stream, or for XML, still gets a problem it can read): the client's errors as
 * {@link DynamoDbBackupProblems} says, Spring's own (unreadable body, 404, 406, 413, 415, missing parameter...) through
 * {@link ResponseEntityExceptionHandler}, anything else as a 500 (or the status its {@link ResponseStatus} names)
 * whose detail refers to the service's log.
 *
 * <p>Created by {@link DynamoDbBackupProblemDetailsAutoConfiguration} when
 * {@code ddb.backup.web.problem-details.enabled=true} and the application has no
 * {@link ResponseEntityExceptionHandler} of its own; extend it to keep this mapping and add your own.
 */
@ControllerAdvice
public class DynamoDbBackupProblemDetailsHandler extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbBackupProblemDetailsHandler.class);

    /** An error of the client, or a request it refused before sending anything. */
    @ExceptionHandler({DynamoDbCallException.class, RequestValidationException.class})
    public Mono<ResponseEntity<ProblemDetail>> handleClientError(RuntimeException error) {
        DynamoDbBackupProblems.Problem problem = DynamoDbBackupProblems.of(error)
                .orElseThrow(() -> new IllegalStateException("no problem for " + error.getClass(), error));
        if (problem.status().is5xxServerError()) {
            // What the problem leaves out (hosts, addresses, the credentials chain) is here, for the operator.
            LOG.warn("DynamoDB call failed: {}", error.toString());
        }
        return Mono.just(ResponseEntity.status(problem.status()).headers(problem.headers())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem.detail()));
    }

    /** Anything no other handler claims: its {@link ResponseStatus}, else 500, without its message. */
    @ExceptionHandler(Exception.class)
    public Mono<ResponseEntity<ProblemDetail>> handleUnexpected(Exception error) {
        ResponseStatus declared = AnnotatedElementUtils.findMergedAnnotation(error.getClass(), ResponseStatus.class);
        HttpStatus status = declared != null ? declared.code() : HttpStatus.INTERNAL_SERVER_ERROR;
        String detail = declared != null && !declared.reason().isEmpty() ? declared.reason()
                : "unexpected failure; see the service's log";
        if (status.is5xxServerError()) {
            LOG.error("Unexpected failure", error);
        }
        return Mono.just(ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemDetail.forStatusAndDetail(status, detail)));
    }

    /**
     * Spring's own errors, as {@link ResponseEntityExceptionHandler} describes them, as problem+json: without it, a
     * request to an event-stream endpoint that asked for an event stream would get its problem as an event.
     */
    @Override
    protected Mono<ResponseEntity<Object>> handleExceptionInternal(Exception ex, @Nullable Object body,
                                                                   @Nullable HttpHeaders headers,
                                                                   HttpStatusCode status, ServerWebExchange exchange) {
        return super.handleExceptionInternal(ex, body, headers, status, exchange)
                .map(entity -> entity.getBody() instanceof ProblemDetail
                        ? ResponseEntity.status(entity.getStatusCode()).headers(entity.getHeaders())
                                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(entity.getBody())
                        : entity);
    }
}
