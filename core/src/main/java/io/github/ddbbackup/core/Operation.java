package io.github.ddbbackup.core;

import java.util.Objects;

/**
 * One operation of the JSON 1.0 protocol: its name, its {@code X-Amz-Target} header value and its input and output
 * types. The constants cover the backup control plane; the emulator defines a few table operations the same way.
 *
 * @param name         the operation, e.g. {@code CreateBackup}
 * @param target       the {@code X-Amz-Target} header value, {@code DynamoDB_20120810.<name>}
 * @param requestType  the input record
 * @param responseType the output record
 * @param <I>          the input type
 * @param <O>          the output type
 */
public record Operation<I, O>(String name, String target, Class<I> requestType, Class<O> responseType) {

    /** The prefix of every DynamoDB {@code X-Amz-Target} of this API version. */
    public static final String TARGET_PREFIX = "DynamoDB_20120810.";
    /** The prefix of the Resource Groups Tagging API's targets (JSON 1.1, signed for {@code tagging}). */
    public static final String TAGGING_TARGET_PREFIX = "ResourceGroupsTaggingAPI_20170126.";

    /** CreateBackup: requests an on-demand backup of a table. */
    public static final Operation<CreateBackupRequest, CreateBackupResponse> CREATE_BACKUP =
            of("CreateBackup", CreateBackupRequest.class, CreateBackupResponse.class);
    /** DescribeBackup: a backup's details and source table. */
    public static final Operation<DescribeBackupRequest, DescribeBackupResponse> DESCRIBE_BACKUP =
            of("DescribeBackup", DescribeBackupRequest.class, DescribeBackupResponse.class);
    /** ListBackups: one page of backups. */
    public static final Operation<ListBackupsRequest, ListBackupsResponse> LIST_BACKUPS =
            of("ListBackups", ListBackupsRequest.class, ListBackupsResponse.class);
    /** DeleteBackup: deletes a backup. */
    public static final Operation<DeleteBackupRequest, DeleteBackupResponse> DELETE_BACKUP =
            of("DeleteBackup", DeleteBackupRequest.class, DeleteBackupResponse.class);
    /** ListTables: one page of table names. */
    public static final Operation<ListTablesRequest, ListTablesResponse> LIST_TABLES =
            of("ListTables", ListTablesRequest.class, ListTablesResponse.class);
    /** GetResources (Resource Groups Tagging API): one page of tagged resources of the region. */
    public static final Operation<GetResourcesRequest, GetResourcesResponse> GET_RESOURCES = new Operation<>(
            "GetResources", TAGGING_TARGET_PREFIX + "GetResources", GetResourcesRequest.class,
            GetResourcesResponse.class);

    /** Any operation; {@link #of} targets it at this API version. */
    public Operation {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(requestType, "requestType");
        Objects.requireNonNull(responseType, "responseType");
    }

    /** An operation of this API version, targeted as {@code DynamoDB_20120810.<name>}. */
    public static <I, O> Operation<I, O> of(String name, Class<I> requestType, Class<O> responseType) {
        return new Operation<>(name, TARGET_PREFIX + name, requestType, responseType);
    }

    /** Whether this is an operation of the Resource Groups Tagging API rather than DynamoDB's. */
    public boolean isTagging() {
        return target.startsWith(TAGGING_TARGET_PREFIX);
    }

    @Override
    public String toString() {
        return name;
    }
}
