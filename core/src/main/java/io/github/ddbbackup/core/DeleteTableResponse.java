package io.github.ddbbackup.core;

/**
 * DeleteTable's output.
 *
 * @param tableDescription the table, DELETING
 */
public record DeleteTableResponse(TableDescription tableDescription) {

    /** @throws IllegalArgumentException when the table is missing (the codec reports that response as malformed) */
    public DeleteTableResponse {
        Members.required(tableDescription, "DeleteTableOutput.TableDescription");
    }
}
