package io.github.ddbbackup.spring.autoconfigure.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ddbbackup.core.RequestValidationException;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

/**
 * The handler in front of a controller that streams events: every error is a problem, problem+json although the
 * request asked for an event stream, and an unexpected failure's message stays in the log.
 */
class DynamoDbBackupProblemDetailsHandlerTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT =
            new ParameterizedTypeReference<>() { };

    private final WebTestClient web = WebTestClient.bindToController(new Streams())
            .controllerAdvice(new DynamoDbBackupProblemDetailsHandler()).build();

    @Test
    void aRequestTheClientRefusedIs400NamingTheField() {
        web.get().uri("/events?fail=invalid").accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JSON_OBJECT).consumeWith(body(problem -> assertThat(problem)
                        .containsEntry("field", "TableName").containsEntry("rule", "3..255 characters")));
    }

    @Test
    void anUnexpectedFailureIs500WithoutItsMessage() {
        web.get().uri("/events?fail=bug").accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isEqualTo(500)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JSON_OBJECT).consumeWith(body(problem -> {
                    assertThat(problem).containsEntry("detail", "unexpected failure; see the service's log");
                    assertThat(problem.toString()).doesNotContain("internal-host");
                }));
    }

    @Test
    void anExceptionWithItsOwnResponseStatusKeepsIt() {
        web.get().uri("/events?fail=conflict").accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JSON_OBJECT).consumeWith(body(problem -> assertThat(problem).containsEntry("detail", "already running")));
    }

    @Test
    void aMissingParameterIsSpringsOwn400AsAProblem() {
        web.get().uri("/events").accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JSON_OBJECT).consumeWith(body(problem -> assertThat(problem).containsEntry("status", 400)));
    }

    /** Checks a decoded body ({@code value(...)} needs Hamcrest to compile). */
    private static <B> Consumer<EntityExchangeResult<B>> body(Consumer<B> check) {
        return result -> check.accept(result.getResponseBody());
    }

    @RestController
    static class Streams {
        @GetMapping(value = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
        Flux<String> events(@RequestParam String fail) {
            return Flux.error(switch (fail) {
                case "invalid" -> new RequestValidationException("TableName", "ab", "3..255 characters");
                case "conflict" -> new AlreadyRunning();
                default -> new IllegalStateException("bug at internal-host:8080");
            });
        }
    }

    @ResponseStatus(code = HttpStatus.CONFLICT, reason = "already running")
    static class AlreadyRunning extends RuntimeException {
    }
}
