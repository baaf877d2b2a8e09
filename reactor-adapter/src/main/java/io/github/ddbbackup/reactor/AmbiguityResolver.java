package io.github.ddbbackup.reactor;

import io.github.ddbbackup.core.error.AmbiguousOutcomeException;
import io.github.ddbbackup.core.BackupDetails;
import io.github.ddbbackup.core.BackupSummary;
import io.github.ddbbackup.core.BackupTypeFilter;
import io.github.ddbbackup.core.CreateBackupRequest;
import io.github.ddbbackup.core.ListBackupsRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.util.retry.Retry;

/**
 * Makes a CreateBackup happen exactly once although its answer may be lost. When a call's outcome is ambiguous
 * ({@link AmbiguousOutcomeException}), it pauses, then searches ListBackups for a USER backup of the table with the same
 * name, created from just before the first attempt (less a clock-skew allowance). Found: that is the result. Not found:
 * CreateBackup is sent again, a bounded number of times. When the lookup itself fails, nothing is sent again: the
 * call ends with an {@link AmbiguousOutcomeException} that names the lookup's failure (the backup may exist).
 *
 * <p>Sound as long as backup names are unique per table within the look-back window, which generated names with a
 * {@code {timestamp}} are; a caller reusing one name for several backups a few minutes apart could be handed the
 * earlier one.
 */
final class AmbiguityResolver {

    /** How far before the first attempt ListBackups looks: the client's and DynamoDB's clocks may disagree. */
    static final Duration CLOCK_SKEW_ALLOWANCE = Duration.ofMinutes(5);
    /** Pause before looking, so a request the server is still processing has time to be listed. */
    static final Duration LOOKUP_DELAY = Duration.ofSeconds(1);
    /** CreateBackup calls re-sent after an ambiguous outcome was looked up and not found. */
    static final int RESENDS = 3;

    private final DynamoDbBackupClient client;
    private final Scheduler scheduler;
    private final Clock wallClock;
    private final ClientEvents events;

    AmbiguityResolver(DynamoDbBackupClient client, Scheduler scheduler, Clock wallClock, ClientEvents events) {
        this.client = client;
        this.events = events;
        this.scheduler = scheduler;
        this.wallClock = wallClock;
    }

    /**
     * Runs {@code create} (one CreateBackup call, retrying what it retries) until it gives an answer, looking for the
     * backup after every ambiguous outcome. {@code onRecovered} is told when the result was found by looking.
     */
    Mono<BackupDetails> createOnce(CreateBackupRequest request, Supplier<Mono<BackupDetails>> create,
                                   Runnable onRecovered) {
        return Mono.defer(() -> {
            Instant lookFrom = wallClock.instant().minus(CLOCK_SKEW_ALLOWANCE);
            return Mono.defer(create)
                    .onErrorResume(AmbiguousOutcomeException.class, ambiguous -> Mono.delay(LOOKUP_DELAY, scheduler)
                            .then(findExisting(request, lookFrom)
                                    .onErrorMap(lookup -> new Unresolved(ambiguous.lookupFailed(lookup))))
                            .doOnNext(found -> {
                                events.ambiguity(ClientEvents.AmbiguityResult.FOUND);
                                onRecovered.run();
                            })
                            .switchIfEmpty(Mono.error(ambiguous)))
                    .retryWhen(Retry.max(RESENDS).filter(AmbiguousOutcomeException.class::isInstance)
                            .doBeforeRetry(resend -> events.ambiguity(ClientEvents.AmbiguityResult.RESENT))
                            .onRetryExhaustedThrow((spec, signal) -> signal.failure()))
                    .doOnError(e -> e instanceof AmbiguousOutcomeException || e instanceof Unresolved,
                            e -> events.ambiguity(ClientEvents.AmbiguityResult.GAVE_UP))
                    .onErrorMap(Unresolved.class, Unresolved::getCause);
        });
    }

    private Mono<BackupDetails> findExisting(CreateBackupRequest request, Instant lookFrom) {
        return client.listBackups(ListBackupsRequest.builder().tableName(request.tableName())
                        .timeRangeLowerBound(lookFrom).backupType(BackupTypeFilter.USER).build())
                .filter(summary -> summary.backupName().filter(request.backupName()::equals).isPresent())
                .next()
                .flatMap(summary -> detailsOf(summary).map(Mono::just).orElseGet(() ->
                        client.describeBackup(summary.backupArn().orElseThrow())
                                .flatMap(description -> Mono.justOrEmpty(description.backupDetails()))));
    }

    /** The summary as details, when it carries every member BackupDetails requires. */
    private static Optional<BackupDetails> detailsOf(BackupSummary s) {
        if (s.backupArn().isEmpty() || s.backupName().isEmpty() || s.backupStatus().isEmpty()
                || s.backupType().isEmpty() || s.backupCreationDateTime().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new BackupDetails(s.backupArn().get(), s.backupName().get(), s.backupSizeBytes(),
                s.backupStatus().get(), s.backupType().get(), s.backupCreationDateTime().get(),
                s.backupExpiryDateTime()));
    }

    /** Carries an ambiguity whose lookup failed past the resend loop, which must not send again. */
    private static final class Unresolved extends RuntimeException {
        Unresolved(AmbiguousOutcomeException ambiguity) {
            super(ambiguity.getMessage(), ambiguity, false, false);
        }
    }
}
