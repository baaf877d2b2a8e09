package io.github.ddbbackup.emulator;

import io.github.ddbbackup.core.ListBackupsRequest;
import io.github.ddbbackup.core.ListBackupsResponse;
import io.github.ddbbackup.core.ListTablesRequest;
import io.github.ddbbackup.core.ListTablesResponse;
import io.github.ddbbackup.core.Operation;
import io.github.ddbbackup.core.internal.WireCodec;
import java.util.List;
import java.util.Optional;

/**
 * The body of an empty listing page that continues where the request started, for {@link Fault#emptyPage()}: a
 * ListBackups request with {@code ExclusiveStartBackupArn} or a ListTables request with
 * {@code ExclusiveStartTableName}.
 */
final class EmptyPages {

    private EmptyPages() {
    }

    /** The empty page for a request that continues a listing; empty for any other request. */
    static Optional<byte[]> of(String operation, byte[] requestBody) {
        WireCodec codec = WireCodec.shared();
        if (operation.equals(Operation.LIST_BACKUPS.name())) {
            return Optional.ofNullable(codec.decode(requestBody, ListBackupsRequest.class).exclusiveStartBackupArn())
                    .map(start -> codec.encode(new ListBackupsResponse(List.of(), Optional.of(start))));
        }
        if (operation.equals(Operation.LIST_TABLES.name())) {
            return Optional.ofNullable(codec.decode(requestBody, ListTablesRequest.class).exclusiveStartTableName())
                    .map(start -> codec.encode(new ListTablesResponse(List.of(), Optional.of(start))));
        }
        return Optional.empty();
    }
}
