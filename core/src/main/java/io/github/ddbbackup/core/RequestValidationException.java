package io.github.ddbbackup.core;

import org.jspecify.annotations.Nullable;

/**
 * A request member breaks one of the API reference's constraints. Thrown before anything is sent.
 *
 * <p>The message names the member, the offending value (shortened when long) and the rule, for example
 * {@code BackupName: "ab" violates length 3..255}.
 */
public final class RequestValidationException extends IllegalArgumentException {

    private static final int MAX_SHOWN = 64;

    private final String field;
    private final @Nullable String value;
    private final String rule;

    /**
     * @param field the member's wire name, e.g. {@code BackupName}
     * @param value the rejected value, {@code null} when the member was missing; shown shortened and escaped
     * @param rule  the rule it breaks, e.g. {@code length 3..255}
     */
    public RequestValidationException(String field, @Nullable Object value, String rule) {
        super(field + ": " + show(value) + " violates " + rule);
        this.field = field;
        this.value = value == null ? null : String.valueOf(value);
        this.rule = rule;
    }

    /** The wire name of the member, e.g. {@code BackupName}. */
    public String field() {
        return field;
    }

    /** The rejected value, unshortened; {@code null} when the member was missing. */
    public @Nullable String value() {
        return value;
    }

    /** The rule, e.g. {@code length 3..255} or {@code pattern [a-zA-Z0-9_.-]+}. */
    public String rule() {
        return rule;
    }

    static String show(@Nullable Object value) {
        if (value == null) {
            return "null";
        }
        String s = String.valueOf(value);
        StringBuilder out = new StringBuilder(Math.min(s.length(), MAX_SHOWN) + 24).append('"');
        int shown = Math.min(s.length(), MAX_SHOWN);
        if (shown < s.length() && Character.isHighSurrogate(s.charAt(shown - 1))) {
            shown--; // never show half of an emoji
        }
        for (int i = 0; i < shown; i++) {
            char c = s.charAt(i);
            if (mustEscape(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
        if (s.length() > MAX_SHOWN) {
            out.append("... (").append(s.length()).append(" chars)");
        }
        return out.toString();
    }

    /**
     * Control characters (C0 and C1: ESC and CSI drive terminals), line separators and invisible format characters
     * (bidi overrides reorder what a reader sees) would corrupt or disguise logs; quotes and backslashes would make
     * the quoted value ambiguous.
     */
    private static boolean mustEscape(char c) {
        int type = Character.getType(c);
        return Character.isISOControl(c) || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.FORMAT || c == '"' || c == '\\';
    }
}
