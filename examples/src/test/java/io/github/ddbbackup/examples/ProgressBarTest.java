package io.github.ddbbackup.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The progress bar's line: fields set apart, and a percentage only of a total that is known. */
class ProgressBarTest {

    private static final Clock FIXED = Clock.fixed(Instant.parse("2026-12-06T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void renderedLineSeparatesItsFieldsAndShowsThePercentageOfTheKnownTotal() {
        JobRecord record = halfDoneOfFour();
        record.allSelected();

        assertEquals("backup  50% [===============               ] | 2/4 tables | 0 created, 1 failed, 1 skipped"
                + " | 1 CreateBackup call | 0.0 s", BarLine.render(record.counts(), 120));
        assertEquals("backup  50% | 2/4 tables | 0 created, 1 failed, 1 skipped | 1 CreateBackup call | 0.0 s",
                BarLine.render(record.counts(), 80), "no room for the bar: the fields stay");
    }

    @Test
    void barOnTheTerminalShowsTheSeparatedFieldsAndThePercentage() {
        JobRecord record = halfDoneOfFour();
        record.allSelected();

        String shown = drawn(record);

        assertTrue(shown.contains("backup  50% "), shown);
        assertTrue(shown.contains(" | 2/4 tables | 0 created, 1 failed, 1 skipped | "), shown);
    }

    @Test
    void barShowsThePercentageOfNamedTablesFromTheStart() {
        JobRecord record = halfDoneOfFour();
        record.expect(8);

        assertEquals("backup  25% | 2/8 tables | 0 created, 1 failed, 1 skipped | 1 CreateBackup call | 0.0 s",
                BarLine.render(record.counts(), 80));
    }

    @Test
    void barShowsNoPercentageWhileTheSelectionIsStillGrowing() {
        String shown = drawn(halfDoneOfFour());

        assertFalse(shown.contains("%"), shown);
        assertTrue(shown.contains("backup | 2 done, 4 selected so far | 0 created, 1 failed, 1 skipped | "), shown);
    }

    /** Four tables selected, one failed after one CreateBackup call and one skipped. */
    private static JobRecord halfDoneOfFour() {
        JobRecord record = new JobRecord(FIXED, "http://127.0.0.1:1", "us-east-1", new CreateBackupCalls(FIXED));
        for (int i = 0; i < 4; i++) {
            record.select();
        }
        record.add(Report.TableResult.failed("t-0", new IllegalStateException("refused"), 1));
        record.add(Report.TableResult.skipped("t-1", "dry run", "t-1-backup"));
        return record;
    }

    /** What the bar draws on a terminal until it is finished. */
    private static String drawn(JobRecord record) {
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        new Progress.Bar(new PrintStream(terminal, true, StandardCharsets.UTF_8), record).finish().block(Cli.TIMEOUT);
        return terminal.toString(StandardCharsets.UTF_8);
    }
}
