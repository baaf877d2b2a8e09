package io.github.ddbbackup.core;

import io.github.ddbbackup.core.internal.Validation;

/**
 * UpdateTimeToLive's input.
 *
 * @param tableName               a table name or table ARN
 * @param timeToLiveSpecification the setting to apply
 */
public record UpdateTimeToLiveRequest(String tableName, TimeToLiveSpecification timeToLiveSpecification) {

    /** @throws RequestValidationException when a member breaks the API reference's constraints */
    public UpdateTimeToLiveRequest {
        Validation.tableNameOrArn("TableName", tableName);
        Validation.required("TimeToLiveSpecification", timeToLiveSpecification);
    }
}
