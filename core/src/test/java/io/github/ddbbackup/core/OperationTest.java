package io.github.ddbbackup.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each operation's {@code X-Amz-Target} and its input and output records. */
class OperationTest {

    static Stream<Arguments> operations() {
        return Stream.of(
                Arguments.of(Operation.CREATE_BACKUP, "DynamoDB_20120810.CreateBackup",
                        CreateBackupRequest.class, CreateBackupResponse.class),
                Arguments.of(Operation.DESCRIBE_BACKUP, "DynamoDB_20120810.DescribeBackup",
                        DescribeBackupRequest.class, DescribeBackupResponse.class),
                Arguments.of(Operation.LIST_BACKUPS, "DynamoDB_20120810.ListBackups",
                        ListBackupsRequest.class, ListBackupsResponse.class),
                Arguments.of(Operation.DELETE_BACKUP, "DynamoDB_20120810.DeleteBackup",
                        DeleteBackupRequest.class, DeleteBackupResponse.class),
                Arguments.of(Operation.LIST_TABLES, "DynamoDB_20120810.ListTables",
                        ListTablesRequest.class, ListTablesResponse.class));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("operations")
    void targetAndTypes(Operation<?, ?> operation, String target, Class<?> requestType, Class<?> responseType) {
        assertEquals(target, operation.target());
        assertEquals(target, Operation.TARGET_PREFIX + operation.name());
        assertEquals(requestType, operation.requestType());
        assertEquals(responseType, operation.responseType());
        assertEquals(operation.name(), operation.toString());
    }

    @Test
    void otherOperationsAreTargetedTheSameWay() {
        Operation<String, String> createTable = Operation.of("CreateTable", String.class, String.class);

        assertEquals("DynamoDB_20120810.CreateTable", createTable.target());
        assertEquals("CreateTable", createTable.name());
    }

    @Test
    void everyPartIsRequired() {
        assertThrows(NullPointerException.class, () -> Operation.of(null, String.class, String.class));
        assertThrows(NullPointerException.class, () -> Operation.of("X", null, String.class));
        assertThrows(NullPointerException.class, () -> Operation.of("X", String.class, null));
    }
}
