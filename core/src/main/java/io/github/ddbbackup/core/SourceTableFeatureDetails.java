package io.github.ddbbackup.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.ddbbackup.core.SourceTableDetails.KeySchemaElement;
import io.github.ddbbackup.core.SourceTableDetails.OnDemandThroughput;
import io.github.ddbbackup.core.SourceTableDetails.ProvisionedThroughput;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The table's features at backup time: indexes, stream, time to live, encryption. All members optional.
 *
 * @param localSecondaryIndexes  its local secondary indexes, possibly none
 * @param globalSecondaryIndexes its global secondary indexes, possibly none
 * @param streamDescription      its stream, if one was configured
 * @param timeToLiveDescription  its time-to-live setting
 * @param sseDescription         its server-side encryption
 */
public record SourceTableFeatureDetails(
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<LocalSecondaryIndexInfo> localSecondaryIndexes,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<GlobalSecondaryIndexInfo> globalSecondaryIndexes,
        Optional<StreamSpecification> streamDescription,
        Optional<TimeToLiveDescription> timeToLiveDescription,
        @JsonProperty("SSEDescription") Optional<SseDescription> sseDescription) {

    /** Absent members become empty; lists are copied. */
    public SourceTableFeatureDetails {
        localSecondaryIndexes = Members.list(localSecondaryIndexes);
        globalSecondaryIndexes = Members.list(globalSecondaryIndexes);
        streamDescription = Members.optional(streamDescription);
        timeToLiveDescription = Members.optional(timeToLiveDescription);
        sseDescription = Members.optional(sseDescription);
    }

    /**
     * Which attributes an index copies.
     *
     * @param projectionType   {@code KEYS_ONLY}, {@code INCLUDE} or {@code ALL}
     * @param nonKeyAttributes the attributes copied besides the keys, for {@code INCLUDE}
     */
    public record Projection(
            Optional<String> projectionType,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> nonKeyAttributes) {
        /** Absent members become empty; lists are copied. */
        public Projection {
            projectionType = Members.optional(projectionType);
            nonKeyAttributes = Members.list(nonKeyAttributes);
        }
    }

    /**
     * A local secondary index at backup time.
     *
     * @param indexName  its name
     * @param keySchema  its keys
     * @param projection the attributes it copies
     */
    public record LocalSecondaryIndexInfo(
            Optional<String> indexName,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<KeySchemaElement> keySchema,
            Optional<Projection> projection) {
        /** Absent members become empty; lists are copied. */
        public LocalSecondaryIndexInfo {
            indexName = Members.optional(indexName);
            keySchema = Members.list(keySchema);
            projection = Members.optional(projection);
        }
    }

    /**
     * A global secondary index at backup time.
     *
     * @param indexName             its name
     * @param keySchema             its keys
     * @param projection            the attributes it copies
     * @param provisionedThroughput its capacity units, for a provisioned table
     * @param onDemandThroughput    its maximum request units, when set
     */
    public record GlobalSecondaryIndexInfo(
            Optional<String> indexName,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<KeySchemaElement> keySchema,
            Optional<Projection> projection,
            Optional<ProvisionedThroughput> provisionedThroughput,
            Optional<OnDemandThroughput> onDemandThroughput) {
        /** Absent members become empty; lists are copied. */
        public GlobalSecondaryIndexInfo {
            indexName = Members.optional(indexName);
            keySchema = Members.list(keySchema);
            projection = Members.optional(projection);
            provisionedThroughput = Members.optional(provisionedThroughput);
            onDemandThroughput = Members.optional(onDemandThroughput);
        }
    }

    /**
     * Whether a stream was enabled, and what it recorded.
     *
     * @param streamEnabled  whether the table had a stream
     * @param streamViewType what each stream record held, e.g. {@code NEW_AND_OLD_IMAGES}
     */
    public record StreamSpecification(Boolean streamEnabled, Optional<String> streamViewType) {
        /** @throws IllegalArgumentException when {@code streamEnabled} is missing */
        public StreamSpecification {
            Members.required(streamEnabled, "StreamSpecification.StreamEnabled");
            streamViewType = Members.optional(streamViewType);
        }
    }

    /**
     * The table's time to live at backup time.
     *
     * @param timeToLiveStatus {@code ENABLED}, {@code DISABLED}, ...
     * @param attributeName    the attribute holding each item's expiry
     */
    public record TimeToLiveDescription(Optional<String> timeToLiveStatus, Optional<String> attributeName) {
        /** Absent members become empty. */
        public TimeToLiveDescription {
            timeToLiveStatus = Members.optional(timeToLiveStatus);
            attributeName = Members.optional(attributeName);
        }
    }

    /**
     * Server-side encryption at backup time.
     *
     * @param status                         {@code ENABLED}, {@code UPDATING}, ...
     * @param sseType                        {@code AES256} or {@code KMS}
     * @param kmsMasterKeyArn                the KMS key, for {@code KMS}
     * @param inaccessibleEncryptionDateTime when the key became inaccessible, if it did
     */
    public record SseDescription(
            Optional<String> status,
            @JsonProperty("SSEType") Optional<String> sseType,
            @JsonProperty("KMSMasterKeyArn") Optional<String> kmsMasterKeyArn,
            Optional<Instant> inaccessibleEncryptionDateTime) {
        /** Absent members become empty. */
        public SseDescription {
            status = Members.optional(status);
            sseType = Members.optional(sseType);
            kmsMasterKeyArn = Members.optional(kmsMasterKeyArn);
            inaccessibleEncryptionDateTime = Members.optional(inaccessibleEncryptionDateTime);
        }
    }
}
