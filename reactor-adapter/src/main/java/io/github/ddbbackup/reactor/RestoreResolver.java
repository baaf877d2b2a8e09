package io.github.ddbbackup.reactor;

import io.github.ddbbackup.core.RestoreRequest;
import io.github.ddbbackup.core.TableDescription;
import io.github.ddbbackup.core.TableDescription.RestoreSummary;
import io.github.ddbbackup.core.error.AmbiguousOutcomeException;
import io.github.ddbbackup.core.error.ResourceNotFoundException;
import io.github.ddbbackup.core.error.TableAlreadyExistsException;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * A RestoreTableFromBackup whose answer was lost is resolved with DescribeTable on the target before anything is
 * resent: a target restored from the same backup is the restore's result; no target (DescribeTable's
 * ResourceNotFoundException) means it did not happen, and the request is sent again. DescribeTable is eventually
 * consistent, so a restore that did happen may still be unseen: the resent request is then answered
 * TableAlreadyExistsException, and one more look finds the table and settles it.
 */
final class RestoreResolver {

    /** The most times one restore is sent: the first, and resends after lost answers. */
    static final int MAX_SENDS = 3;

    private final Function<String, Mono<TableDescription>> describeTable;

    RestoreResolver(Function<String, Mono<TableDescription>> describeTable) {
        this.describeTable = describeTable;
    }

    Mono<TableDescription> restore(RestoreRequest request, Supplier<Mono<TableDescription>> send) {
        return attempt(request, send, 1, false);
    }

    private Mono<TableDescription> attempt(RestoreRequest request, Supplier<Mono<TableDescription>> send, int sends,
                                           boolean answerLostBefore) {
        return send.get()
                .onErrorResume(AmbiguousOutcomeException.class, ambiguous -> lookUp(request)
                        .onErrorMap(ambiguous::lookupFailed)
                        .flatMap(found -> found.filter(table -> restoredFrom(table, request)).map(Mono::just)
                                .orElseGet(() -> sends < MAX_SENDS ? attempt(request, send, sends + 1, true)
                                        : Mono.error(ambiguous))))
                .onErrorResume(TableAlreadyExistsException.class, exists -> !answerLostBefore ? Mono.error(exists)
                        : lookUp(request).onErrorMap(lookupFailure -> exists)
                        .flatMap(found -> found.filter(table -> restoredFrom(table, request)).map(Mono::just)
                                .orElseGet(() -> Mono.error(exists))));
    }

    private Mono<Optional<TableDescription>> lookUp(RestoreRequest request) {
        return describeTable.apply(request.targetTableName()).map(Optional::of)
                .onErrorResume(ResourceNotFoundException.class, absent -> Mono.just(Optional.empty()));
    }

    private static boolean restoredFrom(TableDescription table, RestoreRequest request) {
        return table.restoreSummary().flatMap(RestoreSummary::sourceBackupArn)
                .filter(request.backupArn()::equals).isPresent();
    }
}
