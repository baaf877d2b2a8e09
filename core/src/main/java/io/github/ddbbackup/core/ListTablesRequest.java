package io.github.ddbbackup.core;

import io.github.ddbbackup.core.internal.Validation;
import org.jspecify.annotations.Nullable;

/**
 * ListTables' input; both members optional ({@code null}).
 *
 * @param exclusiveStartTableName the {@code LastEvaluatedTableName} of the previous page; 3..255 of
 *                                {@code [a-zA-Z0-9_.-]}
 * @param limit                   1..100
 */
public record ListTablesRequest(@Nullable String exclusiveStartTableName, @Nullable Integer limit) {

    /** The smallest page size DynamoDB accepts. */
    public static final int LIMIT_MIN = 1;
    /** The largest page size DynamoDB accepts. */
    public static final int LIMIT_MAX = 100;

    /**
     * Validates every member.
     *
     * @throws RequestValidationException when a member breaks the API reference's constraints (the message names it,
     *                                    its value and the rule)
     */
    public ListTablesRequest {
        if (exclusiveStartTableName != null) {
            Validation.tableName("ExclusiveStartTableName", exclusiveStartTableName);
        }
        Validation.range("Limit", limit, LIMIT_MIN, LIMIT_MAX);
    }

    /** The first page, with DynamoDB's default page size. */
    public static ListTablesRequest firstPage() {
        return new ListTablesRequest(null, null);
    }
}
