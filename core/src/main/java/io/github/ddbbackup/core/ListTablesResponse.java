package io.github.ddbbackup.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Optional;

/**
 * A ListTables page. The next page exists exactly when {@code lastEvaluatedTableName} is present.
 *
 * @param tableNames             this page's table names, possibly none
 * @param lastEvaluatedTableName where the next page starts; empty on the last
 */
public record ListTablesResponse(
        @JsonInclude(JsonInclude.Include.ALWAYS) List<String> tableNames,
        Optional<String> lastEvaluatedTableName) {

    /** An absent list becomes empty, an absent name empty; the list is copied. */
    public ListTablesResponse {
        tableNames = Members.list(tableNames);
        lastEvaluatedTableName = Members.optional(lastEvaluatedTableName);
    }
}
