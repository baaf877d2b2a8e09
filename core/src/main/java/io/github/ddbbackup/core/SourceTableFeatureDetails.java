package io.github.ddbbackup.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.ddbbackup.core.SourceTableDetails.KeySchemaElement;
import io.github.ddbbackup.core.SourceTableDetails.OnDemandThroughput;
import io.github.ddbbackup.core.SourceTableDetails.ProvisionedThroughput;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The table's features at backup time: indexes, stream, time to live, encryption. All members optional. */
public record SourceTableFeatureDetails(
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<LocalSecondaryIndexInfo> localSecondaryIndexes,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<GlobalSecondaryIndexInfo> globalSecondaryIndexes,
        Optional<StreamSpecification> streamDescription,
        Optional<TimeToLiveDescription> timeToLiveDescription,
        @JsonProperty("SSEDescription") Optional<SseDescription> sseDescription) {

    public SourceTableFeatureDetails {
        localSecondaryIndexes = Members.list(localSecondaryIndexes);
        globalSecondaryIndexes = Members.list(globalSecondaryIndexes);
        streamDescription = Members.optional(streamDescription);
        timeToLiveDescription = Members.optional(timeToLiveDescription);
        sseDescription = Members.optional(sseDescription);
    }

    /** Which attributes an index copies. */
    public record Projection(
            Optional<String> projectionType,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> nonKeyAttributes) {
        public Projection {
            projectionType = Members.optional(projectionType);
            nonKeyAttributes = Members.list(nonKeyAttributes);
        }
    }

    public record LocalSecondaryIndexInfo(
            Optional<String> indexName,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<KeySchemaElement> keySchema,
            Optional<Projection> projection) {
        public LocalSecondaryIndexInfo {
            indexName = Members.optional(indexName);
            keySchema = Members.list(keySchema);
            projection = Members.optional(projection);
        }
    }

    public record GlobalSecondaryIndexInfo(
            Optional<String> indexName,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<KeySchemaElement> keySchema,
            Optional<Projection> projection,
            Optional<ProvisionedThroughput> provisionedThroughput,
            Optional<OnDemandThroughput> onDemandThroughput) {
        public GlobalSecondaryIndexInfo {
            indexName = Members.optional(indexName);
            keySchema = Members.list(keySchema);
            projection = Members.optional(projection);
            provisionedThroughput = Members.optional(provisionedThroughput);
            onDemandThroughput = Members.optional(onDemandThroughput);
        }
    }

    /** Whether a stream was enabled, and what it recorded. */
    public record StreamSpecification(Boolean streamEnabled, Optional<String> streamViewType) {
        public StreamSpecification {
            Members.required(streamEnabled, "StreamSpecification.StreamEnabled");
            streamViewType = Members.optional(streamViewType);
        }
    }

    public record TimeToLiveDescription(Optional<String> timeToLiveStatus, Optional<String> attributeName) {
        public TimeToLiveDescription {
            timeToLiveStatus = Members.optional(timeToLiveStatus);
            attributeName = Members.optional(attributeName);
        }
    }

    /** Server-side encryption at backup time. */
    public record SseDescription(
            Optional<String> status,
            @JsonProperty("SSEType") Optional<String> sseType,
            @JsonProperty("KMSMasterKeyArn") Optional<String> kmsMasterKeyArn,
            Optional<Instant> inaccessibleEncryptionDateTime) {
        public SseDescription {
            status = Members.optional(status);
            sseType = Members.optional(sseType);
            kmsMasterKeyArn = Members.optional(kmsMasterKeyArn);
            inaccessibleEncryptionDateTime = Members.optional(inaccessibleEncryptionDateTime);
        }
    }
}
