package io.github.ddbbackup.core;

import io.github.ddbbackup.core.internal.Validation;

/**
 * The input of the operations that take only a table: DescribeTable, DeleteTable, DescribeTimeToLive and
 * DescribeContinuousBackups.
 *
 * @param tableName a table name (3..255 of {@code [a-zA-Z0-9_.-]}) or a table ARN; 1..1024 characters
 */
public record TableNameRequest(String tableName) {

    /** @throws RequestValidationException when the name is neither a table name nor a table ARN */
    public TableNameRequest {
        Validation.tableNameOrArn("TableName", tableName);
    }
}
