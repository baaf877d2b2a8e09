package io.github.ddbbackup.core;

/**
 * UpdateTimeToLive's output.
 *
 * @param timeToLiveSpecification the setting as applied
 */
public record UpdateTimeToLiveResponse(TimeToLiveSpecification timeToLiveSpecification) {

    /** @throws IllegalArgumentException when the setting is missing (the codec reports that response as malformed) */
    public UpdateTimeToLiveResponse {
        Members.required(timeToLiveSpecification, "UpdateTimeToLiveOutput.TimeToLiveSpecification");
    }
}
