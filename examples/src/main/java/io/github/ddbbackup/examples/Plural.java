package io.github.ddbbackup.examples;

/** A count and its noun as a person writes them: "1 table", "2 tables", "0 tables". */
final class Plural {

    private Plural() {
    }

    /** {@code count} and {@code noun}, with an s unless the count is one. */
    static String of(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
