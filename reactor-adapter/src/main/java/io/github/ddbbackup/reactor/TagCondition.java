package io.github.ddbbackup.reactor;

import io.github.ddbbackup.core.GetResourcesRequest.TagFilter;
import io.github.ddbbackup.core.InvalidOptionException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One tag a table must (or, excluded, must not) carry: a key, with one value or any value. Written on a command line
 * as {@code KEY=VALUE} ({@code KEY=} is the key with the empty value) or {@code KEY} (any value).
 *
 * @param key   the tag key, 1..128 characters, not blank
 * @param value the value, 0..256 characters; empty: any value
 */
public record TagCondition(String key, Optional<String> value) {

    /** The longest tag key AWS accepts. */
    public static final int KEY_MAX = TagFilter.KEY_MAX;
    /** The longest tag value AWS accepts. */
    public static final int VALUE_MAX = TagFilter.VALUE_MAX;

    /** @throws InvalidOptionException when the key is blank or too long, or the value too long */
    public TagCondition {
        Objects.requireNonNull(value, "value");
        if (key == null || key.isBlank()) {
            throw new InvalidOptionException("tag", key, "a non-blank key (KEY=VALUE or KEY)");
        }
        if (key.length() > KEY_MAX) {
            throw new InvalidOptionException("tag", key, "a key of at most " + KEY_MAX + " characters");
        }
        if (value.isPresent() && value.get().length() > VALUE_MAX) {
            throw new InvalidOptionException("tag", key + "=" + value.get(),
                    "a value of at most " + VALUE_MAX + " characters");
        }
    }

    /** The key with exactly this value. */
    public static TagCondition of(String key, String value) {
        return new TagCondition(key, Optional.of(Objects.requireNonNull(value, "value")));
    }

    /** The key with any value. */
    public static TagCondition anyValue(String key) {
        return new TagCondition(key, Optional.empty());
    }

    /**
     * {@code KEY=VALUE}, {@code KEY=} (the empty value) or {@code KEY} (any value); split at the first {@code =}, so
     * a value may contain {@code =}.
     *
     * @throws InvalidOptionException for an empty key ({@code =value}, {@code ""}) or a key or value too long
     */
    public static TagCondition parse(String text) {
        Objects.requireNonNull(text, "text");
        int equals = text.indexOf('=');
        return equals < 0 ? anyValue(text) : of(text.substring(0, equals), text.substring(equals + 1));
    }

    /** Whether a table with these tags carries this one. */
    public boolean matches(Map<String, String> tags) {
        String actual = tags.get(key);
        return actual != null && value.map(actual::equals).orElse(true);
    }

    /** As the Tagging API's GetResources filters. */
    TagFilter toFilter() {
        return value.map(v -> TagFilter.of(key, v)).orElseGet(() -> TagFilter.anyValue(key));
    }

    /** As written on a command line. */
    @Override
    public String toString() {
        return value.map(v -> key + "=" + v).orElse(key);
    }
}
