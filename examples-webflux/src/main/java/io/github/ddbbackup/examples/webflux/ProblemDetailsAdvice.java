package io.github.ddbbackup.examples.webflux;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Every error of a request as an RFC 9457 problem ({@code application/problem+json}, whatever the request accepted:
 * a bulk request that asked for an event stream still gets a plain problem when it fails before streaming): the
 * client's errors as {@link ProblemMapping} says, the framework's own (unreadable body, missing parameter...) through
 * {@link ResponseEntityExceptionHandler}.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(RuntimeException.class)
    Mono<ResponseEntity<ProblemDetail>> handle(RuntimeException error) {
        return Mono.just(ProblemMapping.of(error)
                .map(problem -> {
                    if (problem.status().is5xxServerError()) {
                        LOG.warn("Upstream failure: {}", error.toString());
                    }
                    return ResponseEntity.status(problem.status()).headers(problem.headers())
                            .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem.detail());
                })
                .orElseGet(() -> {
                    LOG.error("Unexpected failure", error);
                    return ResponseEntity.internalServerError().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                            .body(ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                                    "unexpected failure; see the service's log"));
                }));
    }
}
