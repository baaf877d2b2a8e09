package io.github.ddbbackup.examples;

import java.util.Locale;

/**
 * The text of the progress bar: its fields set apart by {@value #SEPARATOR}, and the share done as a percentage and
 * a bar once the total is known (a list of names: from the start; a pattern: once every selected table is counted).
 * Before that, the tables are still being listed, and a percentage of those selected so far would claim an end that
 * is not known yet.
 */
final class BarLine {

    /** Between two fields. */
    static final String SEPARATOR = " | ";
    /** The bar's inner width when the terminal leaves room for it. */
    static final int BAR_WIDTH = 30;

    private BarLine() {
    }

    /** The line for {@code counts}, at most {@code width} characters when the fields fit (the bar shrinks first). */
    static String render(JobRecord.Counts counts, int width) {
        String done = counts.total().isPresent()
                ? counts.finished() + "/" + Plural.of(counts.total().getAsInt(), "table")
                : counts.finished() + " done, " + counts.selected() + " selected so far";
        String fields = SEPARATOR + done
                + SEPARATOR + counts.created() + " created, " + counts.failed() + " failed, " + counts.skipped()
                + " skipped"
                + SEPARATOR + counts.callRate()
                + SEPARATOR + String.format(Locale.ROOT, "%.1f s", counts.elapsedSeconds());
        if (counts.total().isEmpty()) {
            return "backup" + fields;
        }
        int total = counts.total().getAsInt();
        double share = total == 0 ? 1 : Math.min(1, (double) counts.finished() / total);
        String percent = String.format(Locale.ROOT, "backup %3d%%", (int) Math.floor(share * 100));
        int room = Math.min(BAR_WIDTH, width - percent.length() - fields.length() - 3);
        return room < 5 ? percent + fields : percent + " " + bar(share, room) + fields;
    }

    private static String bar(double share, int width) {
        int filled = (int) Math.floor(share * width);
        return "[" + "=".repeat(filled) + " ".repeat(width - filled) + "]";
    }
}
