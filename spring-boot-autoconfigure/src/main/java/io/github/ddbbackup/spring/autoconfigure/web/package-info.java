/**
 * Public API: the opt-in WebFlux part of the auto-configuration ({@code ddb.backup.web.problem-details.enabled=true}):
 * every error of a request as an RFC 9457 problem ({@code application/problem+json}), the client's errors by
 * {@link io.github.ddbbackup.spring.autoconfigure.web.DynamoDbBackupProblems}, Spring's own through
 * {@link org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler}.
 */
@NullMarked
package io.github.ddbbackup.spring.autoconfigure.web;

import org.jspecify.annotations.NullMarked;
