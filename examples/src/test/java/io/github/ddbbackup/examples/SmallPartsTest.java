package io.github.ddbbackup.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;
import reactor.test.scheduler.VirtualTimeScheduler;

class SmallPartsTest {

    @Test
    void agesInShortAndIsoForms() {
        DurationConverter converter = new DurationConverter();
        assertEquals(Duration.ofDays(30), converter.convert("30d"));
        assertEquals(Duration.ofHours(12), converter.convert("12h"));
        assertEquals(Duration.ofMinutes(90), converter.convert("90m"));
        assertEquals(Duration.ofSeconds(45), converter.convert("45s"));
        assertEquals(Duration.ofDays(14), converter.convert("2w"));
        assertEquals(Duration.ofDays(30), converter.convert("P30D"));
        assertThrows(TypeConversionException.class, () -> converter.convert("30 days"));
        assertThrows(TypeConversionException.class, () -> converter.convert("-3d"));
    }

    @Test
    void plainProgressPrintsALineEveryIntervalUntilFinished() {
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        StringWriter out = new StringWriter();
        JobRecord record = new JobRecord(Clock.systemUTC(), "http://127.0.0.1:1", "us-east-1",
                new CreateBackupCalls(Clock.systemUTC()));
        record.select();
        record.select();
        record.add(Report.TableResult.skipped("a", "dry run", "a-1"));

        Progress progress = new Progress.Lines(new PrintWriter(out, true), record, Duration.ofSeconds(5), time);
        time.advanceTimeBy(Duration.ofSeconds(14));
        progress.finish().block(Duration.ofSeconds(1));
        time.advanceTimeBy(Duration.ofSeconds(60));

        assertEquals(2, out.toString().lines().count(), out.toString());
        assertTrue(out.toString().startsWith("backup: 1 table done, 2 selected so far: 0 created, 0 failed, 1 skipped;"),
                out.toString());
    }

    @Test
    void countsAreWrittenAsPeopleWriteThem() {
        assertEquals("0 tables", Plural.of(0, "table"));
        assertEquals("1 table", Plural.of(1, "table"));
        assertEquals("2 backups", Plural.of(2, "backup"));
    }
}
