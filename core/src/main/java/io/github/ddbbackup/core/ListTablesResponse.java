package io.github.ddbbackup.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Optional;

/** A ListTables page. The next page exists exactly when {@code lastEvaluatedTableName} is present. */
public record ListTablesResponse(
        @JsonInclude(JsonInclude.Include.ALWAYS) List<String> tableNames,
        Optional<String> lastEvaluatedTableName) {

    public ListTablesResponse {
        tableNames = Members.list(tableNames);
        lastEvaluatedTableName = Members.optional(lastEvaluatedTableName);
    }
}
