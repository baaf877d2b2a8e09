package io.github.ddbbackup.core;

import io.github.ddbbackup.core.internal.Validation;

/**
 * A tag of a DynamoDB resource.
 *
 * @param key   1..128 characters
 * @param value 0..256 characters
 */
public record Tag(String key, String value) {

    public static final int KEY_MAX = 128;
    public static final int VALUE_MAX = 256;

    /** @throws RequestValidationException when a member breaks the API reference's constraints */
    public Tag {
        Validation.length("Tag.Key", key, 1, KEY_MAX);
        Validation.length("Tag.Value", value, 0, VALUE_MAX);
    }
}
