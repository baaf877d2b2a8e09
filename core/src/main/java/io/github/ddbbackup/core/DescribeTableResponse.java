package io.github.ddbbackup.core;

/**
 * DescribeTable's output.
 *
 * @param table the table
 */
public record DescribeTableResponse(TableDescription table) {

    /** @throws IllegalArgumentException when the table is missing (the codec reports that response as malformed) */
    public DescribeTableResponse {
        Members.required(table, "DescribeTableOutput.Table");
    }
}
