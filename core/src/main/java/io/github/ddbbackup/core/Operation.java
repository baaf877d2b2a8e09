package io.github.ddbbackup.core;

import java.util.Objects;

/**
 * One operation of the JSON 1.0 protocol: its name, its {@code X-Amz-Target} header value and its input and output
 * types. The constants cover the backup control plane and what a restore needs around it (tables, tags, time to live,
 * continuous backups); the emulator defines CreateTable the same way.
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
    /** RestoreTableFromBackup: creates a new table from a backup. */
    public static final Operation<RestoreRequest, RestoreTableFromBackupResponse> RESTORE_TABLE_FROM_BACKUP =
            of("RestoreTableFromBackup", RestoreRequest.class, RestoreTableFromBackupResponse.class);
    /** DescribeTable: a table's status, schema and settings. */
    public static final Operation<TableNameRequest, DescribeTableResponse> DESCRIBE_TABLE =
            of("DescribeTable", TableNameRequest.class, DescribeTableResponse.class);
    /** DeleteTable: deletes a table. */
    public static final Operation<TableNameRequest, DeleteTableResponse> DELETE_TABLE =
            of("DeleteTable", TableNameRequest.class, DeleteTableResponse.class);
    /** ListTagsOfResource: one page of a resource's tags. */
    public static final Operation<ListTagsOfResourceRequest, ListTagsOfResourceResponse> LIST_TAGS_OF_RESOURCE =
            of("ListTagsOfResource", ListTagsOfResourceRequest.class, ListTagsOfResourceResponse.class);
    /** TagResource: adds or overwrites tags of a resource. */
    public static final Operation<TagResourceRequest, EmptyResponse> TAG_RESOURCE =
            of("TagResource", TagResourceRequest.class, EmptyResponse.class);
    /** UntagResource: removes tags of a resource. */
    public static final Operation<UntagResourceRequest, EmptyResponse> UNTAG_RESOURCE =
            of("UntagResource", UntagResourceRequest.class, EmptyResponse.class);
    /** DescribeTimeToLive: a table's time-to-live setting. */
    public static final Operation<TableNameRequest, DescribeTimeToLiveResponse> DESCRIBE_TIME_TO_LIVE =
            of("DescribeTimeToLive", TableNameRequest.class, DescribeTimeToLiveResponse.class);
    /** UpdateTimeToLive: turns a table's time to live on or off. */
    public static final Operation<UpdateTimeToLiveRequest, UpdateTimeToLiveResponse> UPDATE_TIME_TO_LIVE =
            of("UpdateTimeToLive", UpdateTimeToLiveRequest.class, UpdateTimeToLiveResponse.class);
    /** DescribeContinuousBackups: a table's continuous backups and point-in-time recovery. */
    public static final Operation<TableNameRequest, DescribeContinuousBackupsResponse> DESCRIBE_CONTINUOUS_BACKUPS =
            of("DescribeContinuousBackups", TableNameRequest.class, DescribeContinuousBackupsResponse.class);
    /** UpdateContinuousBackups: turns a table's point-in-time recovery on or off. */
    public static final Operation<UpdateContinuousBackupsRequest, UpdateContinuousBackupsResponse>
            UPDATE_CONTINUOUS_BACKUPS = of("UpdateContinuousBackups", UpdateContinuousBackupsRequest.class,
            UpdateContinuousBackupsResponse.class);

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
