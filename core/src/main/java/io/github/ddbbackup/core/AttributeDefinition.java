package io.github.ddbbackup.core;

import io.github.ddbbackup.core.internal.Validation;
import java.util.Set;

/**
 * One attribute of a table's key schema or of an index's, and its type.
 *
 * @param attributeName 1..255 characters
 * @param attributeType {@code S}, {@code N} or {@code B}
 */
public record AttributeDefinition(String attributeName, String attributeType) {

    /** The scalar types a key attribute may have. */
    public static final Set<String> TYPES = Set.of("S", "N", "B");

    /** @throws RequestValidationException when a member breaks the API reference's constraints */
    public AttributeDefinition {
        Validation.length("AttributeDefinition.AttributeName", attributeName, 1, 255);
        if (!TYPES.contains(attributeType)) {
            throw new RequestValidationException("AttributeDefinition.AttributeType", attributeType,
                    "one of S, N, B");
        }
    }
}
