package io.github.ddbbackup.emulator;

import io.github.ddbbackup.core.CreateBackupResponse;
import io.github.ddbbackup.core.DeleteBackupResponse;
import io.github.ddbbackup.core.DescribeBackupResponse;
import io.github.ddbbackup.core.Operation;
import io.github.ddbbackup.core.RequestValidationException;
import io.github.ddbbackup.core.internal.WireCodec;
import io.github.ddbbackup.core.internal.WireFormatException;
import io.github.ddbbackup.core.DeleteTableResponse;
import io.github.ddbbackup.core.DescribeContinuousBackupsResponse;
import io.github.ddbbackup.core.DescribeTableResponse;
import io.github.ddbbackup.core.DescribeTimeToLiveResponse;
import io.github.ddbbackup.core.EmptyResponse;
import io.github.ddbbackup.core.RestoreTableFromBackupResponse;
import io.github.ddbbackup.core.UpdateContinuousBackupsResponse;
import io.github.ddbbackup.core.UpdateTimeToLiveResponse;
import io.github.ddbbackup.emulator.TableShapes.CreateTableResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * The operations the emulator serves, each decoded and encoded with core's {@link WireCodec}: a request body in, a
 * response body out, or a {@link ServiceError}.
 */
final class Operations {

    /** One operation: its descriptor and what it does with a decoded input at an instant. */
    record Route<I, O>(Operation<I, O> operation, BiFunction<I, Instant, O> handler) {

        String name() {
            return operation.name();
        }

        /**
         * @throws ServiceError SerializationException for a body that is not a JSON object of the input's shape,
         *                      ValidationException for a member that breaks the API's constraints, or the
         *                      operation's own errors
         */
        byte[] serve(byte[] body, Instant now) {
            I input;
            try {
                input = WireCodec.shared().decodeRequest(operation.requestType(), body);
            } catch (WireFormatException e) {
                throw ServiceError.serialization(e.getMessage());
            } catch (RequestValidationException e) {
                throw ServiceError.validation(e.getMessage());
            }
            return WireCodec.shared().encode(handler.apply(input, now));
        }
    }

    private final Map<String, Route<?, ?>> routes = new TreeMap<>();

    Operations(EmulatorState state, Duration tableCreationDelay, Duration restoreDelay) {
        add(Operation.CREATE_BACKUP, (request, now) ->
                new CreateBackupResponse(state.createBackup(request.tableName(), request.backupName(), now)));
        add(Operation.DESCRIBE_BACKUP, (request, now) ->
                new DescribeBackupResponse(state.describeBackup(request.backupArn(), now)));
        add(Operation.DELETE_BACKUP, (request, now) ->
                new DeleteBackupResponse(state.deleteBackup(request.backupArn(), now)));
        add(Operation.LIST_BACKUPS, (request, now) -> state.listBackups(request, now));
        add(Operation.LIST_TABLES, (request, now) -> state.listTables(request));
        add(Operation.GET_RESOURCES, (request, now) -> state.getResources(request));
        add(TableShapes.CREATE_TABLE, (request, now) ->
                new CreateTableResponse(state.createTable(request, now, tableCreationDelay)));
        add(Operation.DELETE_TABLE, (request, now) ->
                new DeleteTableResponse(state.deleteTable(request.tableName(), now)));
        add(Operation.DESCRIBE_TABLE, (request, now) ->
                new DescribeTableResponse(state.describeTable(request.tableName(), now)));
        add(Operation.DESCRIBE_CONTINUOUS_BACKUPS, (request, now) ->
                new DescribeContinuousBackupsResponse(state.describeContinuousBackups(request.tableName(), now)));
        add(Operation.UPDATE_CONTINUOUS_BACKUPS, (request, now) -> new UpdateContinuousBackupsResponse(
                state.updateContinuousBackups(request.tableName(), request.pointInTimeRecoverySpecification(), now)));
        add(Operation.RESTORE_TABLE_FROM_BACKUP, (request, now) ->
                new RestoreTableFromBackupResponse(state.restore(request, now, restoreDelay)));
        add(Operation.LIST_TAGS_OF_RESOURCE, (request, now) ->
                state.listTags(request.resourceArn(), request.nextToken()));
        add(Operation.TAG_RESOURCE, (request, now) -> {
            state.tag(request.resourceArn(), request.tags());
            return EmptyResponse.INSTANCE;
        });
        add(Operation.UNTAG_RESOURCE, (request, now) -> {
            state.untag(request.resourceArn(), request.tagKeys());
            return EmptyResponse.INSTANCE;
        });
        add(Operation.DESCRIBE_TIME_TO_LIVE, (request, now) ->
                new DescribeTimeToLiveResponse(state.describeTimeToLive(request.tableName())));
        add(Operation.UPDATE_TIME_TO_LIVE, (request, now) -> new UpdateTimeToLiveResponse(
                state.updateTimeToLive(request.tableName(), request.timeToLiveSpecification(), now)));
    }

    private <I, O> void add(Operation<I, O> operation, BiFunction<I, Instant, O> handler) {
        // Built now, not on the first request: Jackson builds a type's (de)serializer under a lock.
        WireCodec.shared().prepare(operation.requestType(), operation.responseType());
        routes.put(operation.target(), new Route<>(operation, handler));
    }

    /** The route of an {@code X-Amz-Target} value, if the emulator serves that operation. */
    Optional<Route<?, ?>> route(String target) {
        return Optional.ofNullable(target).map(routes::get);
    }

    /** The names of the operations served, e.g. {@code CreateBackup}. */
    Set<String> names() {
        Set<String> names = new TreeSet<>();
        routes.values().forEach(route -> names.add(route.name()));
        return names;
    }
}
