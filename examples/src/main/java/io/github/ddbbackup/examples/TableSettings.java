package io.github.ddbbackup.examples;

import io.github.ddbbackup.core.SourceTableFeatureDetails.StreamSpecification;
import io.github.ddbbackup.core.SourceTableFeatureDetails.TimeToLiveDescription;
import io.github.ddbbackup.core.TableDescription;
import io.github.ddbbackup.core.Tag;
import io.github.ddbbackup.core.TimeToLiveSpecification;
import io.github.ddbbackup.core.UpdateContinuousBackupsRequest.PointInTimeRecoverySpecification;
import io.github.ddbbackup.reactor.DynamoDbBackupClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * What RestoreTableFromBackup does not bring back and {@code --copy-settings} can: a table's tags, its time-to-live
 * attribute (null: off) and whether point-in-time recovery is on; and, only to report, its stream setting (null: none),
 * which the restored table must be given by hand.
 *
 * @param tags                the tags, by key
 * @param timeToLiveAttribute the attribute holding each item's expiry when time to live is on, else null
 * @param pointInTimeRecovery whether point-in-time recovery is on
 * @param stream              the stream view type when a stream is on, else null
 */
record TableSettings(Map<String, String> tags, @Nullable String timeToLiveAttribute, boolean pointInTimeRecovery,
                     @Nullable String stream) {

    TableSettings {
        tags = java.util.Collections.unmodifiableMap(new TreeMap<>(tags));
    }

    /**
     * A table's settings, read with DescribeTable (for its ARN and stream), ListTagsOfResource, DescribeTimeToLive and
     * DescribeContinuousBackups, each at its rate.
     */
    static Mono<TableSettings> read(DynamoDbBackupClient client, TableDescription table) {
        String arn = table.tableArn().orElseThrow(() -> new IllegalStateException("DescribeTable named no ARN for "
                + table.tableName()));
        Mono<Map<String, String>> tags = client.listTagsOfResource(arn)
                .collectMap(Tag::key, Tag::value, TreeMap::new).map(map -> (Map<String, String>) map);
        Mono<TimeToLiveDescription> ttl = client.describeTimeToLive(arn);
        Mono<Boolean> recovery = client.describeContinuousBackups(arn)
                .map(description -> description.pointInTimeRecoveryEnabled());
        String stream = table.streamSpecification().filter(StreamSpecification::streamEnabled)
                .map(spec -> spec.streamViewType().orElse("enabled")).orElse(null);
        return Mono.zip(tags, ttl, recovery).map(read -> new TableSettings(read.getT1(),
                read.getT2().timeToLiveStatus().filter("ENABLED"::equals).flatMap(on -> read.getT2().attributeName())
                        .orElse(null), read.getT3(), stream));
    }

    /**
     * Applies the tags, time to live and point-in-time recovery to {@code tableArn} (an ACTIVE table), one call each
     * where there is something to set.
     *
     * @return one line per setting, saying what was done
     */
    Mono<List<String>> applyTo(DynamoDbBackupClient client, String tableArn) {
        List<Mono<String>> steps = new ArrayList<>();
        if (!tags.isEmpty()) {
            List<Tag> list = tags.entrySet().stream().map(tag -> new Tag(tag.getKey(), tag.getValue())).toList();
            steps.add(client.tagResource(tableArn, list).thenReturn("tags: " + Plural.of(list.size(), "tag")
                    + " applied (" + String.join(", ", tags.keySet()) + ")"));
        } else {
            steps.add(Mono.just("tags: none on the source"));
        }
        steps.add(timeToLiveAttribute == null ? Mono.just("time to live: off on the source, left off")
                : client.updateTimeToLive(tableArn, new TimeToLiveSpecification(true, timeToLiveAttribute))
                .thenReturn("time to live: enabled on " + timeToLiveAttribute));
        steps.add(!pointInTimeRecovery ? Mono.just("point-in-time recovery: off on the source, left off")
                : client.updateContinuousBackups(tableArn, new PointInTimeRecoverySpecification(true, null))
                .thenReturn("point-in-time recovery: enabled"));
        return Mono.zip(steps, lines -> java.util.Arrays.stream(lines).map(String.class::cast).toList());
    }

    /** What is not restored and not copied, with the source's values, for the operator to set. */
    List<String> notRestored() {
        return List.of("stream: " + (stream == null ? "none on the source" : stream + " on the source")
                        + " (not restored: set it yourself)",
                "auto scaling policies, CloudWatch alarms, IAM policies: not restored and not read (they live in"
                        + " Application Auto Scaling, CloudWatch and IAM): set them yourself");
    }
}
