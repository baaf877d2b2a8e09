package io.github.ddbbackup.examples;

import java.io.PrintWriter;
import java.io.Writer;

/**
 * A {@link PrintWriter} for a terminal: what it prints cannot move the cursor, recolour, clear or re-order the screen.
 * Table names and DynamoDB's messages come from outside; a name or message holding an escape sequence, a carriage
 * return or a bidirectional override would otherwise act on the operator's terminal (or hide a line). Control
 * characters other than newline and tab, and Unicode format characters, are printed as {@code \}{@code uXXXX}, which
 * inside a JSON string is the same character, so {@code --json} output stays valid and equal.
 *
 * <p>Line separators from {@code println} pass as they are: {@code PrintWriter} writes them to the wrapped writer
 * directly, not through {@link #write(String, int, int)}.
 */
final class TerminalSafeWriter extends PrintWriter {

    private TerminalSafeWriter(Writer target) {
        super(target, true);
    }

    /** {@code target}, printing escaped (once: a writer already escaping is returned as it is). */
    static PrintWriter wrap(PrintWriter target) {
        return target instanceof TerminalSafeWriter ? target : new TerminalSafeWriter(target);
    }

    @Override
    public void write(int c) {
        if (isUnsafe((char) c)) {
            super.write(escaped((char) c));
        } else {
            super.write(c);
        }
    }

    @Override
    public void write(char[] buffer, int offset, int length) {
        write(new String(buffer, offset, length), 0, length);
    }

    @Override
    public void write(String text, int offset, int length) {
        int end = offset + length;
        int clean = offset;
        for (int i = offset; i < end; i++) {
            char c = text.charAt(i);
            if (isUnsafe(c)) {
                super.write(text, clean, i - clean);
                super.write(escaped(c), 0, 6);
                clean = i + 1;
            }
        }
        super.write(text, clean, end - clean);
    }

    static boolean isUnsafe(char c) {
        return c != '\n' && c != '\t' && (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT);
    }

    private static String escaped(char c) {
        return String.format("\\u%04x", (int) c);
    }
}
