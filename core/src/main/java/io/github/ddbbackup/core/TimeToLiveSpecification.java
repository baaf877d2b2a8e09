package io.github.ddbbackup.core;

import io.github.ddbbackup.core.internal.Validation;

/**
 * A table's time-to-live setting, as UpdateTimeToLive takes and answers it.
 *
 * @param enabled       whether expired items are deleted
 * @param attributeName the attribute holding each item's expiry (epoch seconds); 1..255 characters
 */
public record TimeToLiveSpecification(Boolean enabled, String attributeName) {

    /** @throws RequestValidationException when a member breaks the API reference's constraints */
    public TimeToLiveSpecification {
        Validation.required("TimeToLiveSpecification.Enabled", enabled);
        Validation.length("TimeToLiveSpecification.AttributeName", attributeName, 1, 255);
    }
}
