package io.github.ddbbackup.core;

import io.github.ddbbackup.core.SourceTableFeatureDetails.TimeToLiveDescription;

/**
 * DescribeTimeToLive's output.
 *
 * @param timeToLiveDescription the table's time-to-live status and attribute
 */
public record DescribeTimeToLiveResponse(TimeToLiveDescription timeToLiveDescription) {

    /** @throws IllegalArgumentException when the description is missing (the codec reports that as malformed) */
    public DescribeTimeToLiveResponse {
        Members.required(timeToLiveDescription, "DescribeTimeToLiveOutput.TimeToLiveDescription");
    }
}
