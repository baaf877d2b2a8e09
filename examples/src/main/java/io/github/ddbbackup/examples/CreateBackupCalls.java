package io.github.ddbbackup.examples;

import org.jspecify.annotations.Nullable;
import io.github.ddbbackup.core.internal.JsonProtocol;
import io.github.ddbbackup.core.Operation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientInfos;

/**
 * When the job's CreateBackup calls went out and came back, as the HTTP client saw them: the span over which the
 * achieved CreateBackup rate is measured, from the first request sent to the last answer (or failed exchange).
 * Waiting for a permit before a call and {@code --wait}'s DescribeBackup polling after it are outside the span:
 * they are not CreateBackup calls.
 */
final class CreateBackupCalls {

    private final Clock clock;
    private @Nullable Instant firstSent;
    private @Nullable Instant lastEnded;

    CreateBackupCalls(Clock clock) {
        this.clock = clock;
    }

    /** The client's HTTP client, reporting each CreateBackup exchange here (on the event loops; never blocks). */
    UnaryOperator<HttpClient> observer() {
        return http -> http
                .doAfterRequest((request, connection) -> {
                    if (isCreateBackup(request)) {
                        sent(clock.instant());
                    }
                })
                .doOnResponse((response, connection) -> {
                    if (isCreateBackup(response)) {
                        ended(clock.instant());
                    }
                })
                .doOnResponseError((response, error) -> {
                    if (isCreateBackup(response)) {
                        ended(clock.instant());
                    }
                });
    }

    /** A CreateBackup request went out at {@code at}. */
    synchronized void sent(Instant at) {
        if (firstSent == null || at.isBefore(firstSent)) {
            firstSent = at;
        }
    }

    /** A CreateBackup exchange ended at {@code at}: answered, or failed without an answer. */
    synchronized void ended(Instant at) {
        if (lastEnded == null || at.isAfter(lastEnded)) {
            lastEnded = at;
        }
    }

    /** From the first CreateBackup sent to the last one ended; empty before any has ended. */
    synchronized Optional<Duration> span() {
        return firstSent == null || lastEnded == null ? Optional.empty()
                : Optional.of(Duration.between(firstSent, lastEnded));
    }

    private static boolean isCreateBackup(HttpClientInfos exchange) {
        return Operation.CREATE_BACKUP.target().equals(exchange.requestHeaders().get(JsonProtocol.HEADER_TARGET));
    }
}
