package io.github.ddbbackup.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.core.InvalidOptionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Selection patterns from untrusted callers, and table names from an untrusted server. */
class TableSelectionTest {

    @Test
    // java.util.regex needs 3 s for this pattern at 250 characters and 39 s at 500; here the name has 200,000
    // (3.5 s at JIT-less worst on a loaded machine would still be far inside the bound): only a linear matcher
    // finishes at all.
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void catastrophicBacktrackingPatternMatchesInLinearTime() {
        TableSelection selection = TableSelection.all().matching("(.*a){4}");
        String longName = "a".repeat(3) + "b".repeat(200_000);

        assertFalse(selection.accepts(longName.substring(0, 255).replace('a', 'c')));
        assertTrue(selection.accepts("aaaa"));
        // Not a valid table name (too long): selected without matching, so the job reports it FAILED.
        assertTrue(selection.accepts(longName));
        assertFalse(TableSelection.all().matching("(.*a){4}x").accepts("a".repeat(4) + "b".repeat(250)));
    }

    @Test
    void patternLongerThanTheCapIsRefusedNamingItsLength() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TableSelection.all().excluding("x".repeat(TableSelection.MAX_PATTERN_LENGTH + 1)));

        assertEquals("TableSelection.exclude: \"" + "x".repeat(64) + "\"... (1025 chars) violates at most 1024 characters",
                e.getMessage());
    }

    @Test
    void backreferencesAreRefusedAsRe2Syntax() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TableSelection.all().matching("(a)\\1"));

        assertTrue(e.getMessage().startsWith("TableSelection.regex: \"(a)\\u005c1\" violates a regular expression (RE2"
                + " syntax)"), e.getMessage());
    }

    @Test
    void nameThatIsNoTableNameIsSelectedUnmatchedSoTheJobReportsIt() {
        TableSelection selection = TableSelection.all().withPrefix("orders-").excluding(".*");

        assertTrue(selection.accepts("bad\u001b[31mname"), "a control character");
        assertTrue(selection.accepts("x"), "too short");
        assertFalse(selection.accepts("orders-1"), "a valid name is filtered as asked");
        assertFalse(selection.accepts("arn:aws:dynamodb:us-east-1:123456789012:table/orders-1"), "so is an ARN");
    }

    @Test
    void tagsAreWrittenKeyEqualsValueOrKeyAloneForAnyValue() {
        assertEquals(TagCondition.of("backup", "daily"), TagCondition.parse("backup=daily"));
        assertEquals(TagCondition.anyValue("backup"), TagCondition.parse("backup"));
        assertEquals(TagCondition.of("backup", ""), TagCondition.parse("backup="), "the empty value");
        assertEquals(TagCondition.of("expr", "a=b"), TagCondition.parse("expr=a=b"), "split at the first =");
        assertTrue(TagCondition.parse("backup").matches(java.util.Map.of("backup", "weekly")));
        assertFalse(TagCondition.parse("backup=daily").matches(java.util.Map.of("backup", "weekly")));
        assertFalse(TagCondition.parse("backup").matches(java.util.Map.of("team", "red")));
    }

    @Test
    void aTagWithoutKeyOrTooLongIsRefusedSayingWhy() {
        assertEquals("tag: \"\" violates a non-blank key (KEY=VALUE or KEY)",
                assertThrows(InvalidOptionException.class, () -> TagCondition.parse("=daily")).getMessage());
        assertThrows(InvalidOptionException.class, () -> TagCondition.parse(""));
        assertThrows(InvalidOptionException.class, () -> TagCondition.parse("  =x"));
        assertThrows(InvalidOptionException.class, () -> TagCondition.parse("k".repeat(129)));
        assertThrows(InvalidOptionException.class, () -> TagCondition.parse("k=" + "v".repeat(257)));
    }

    @Test
    void aKeyIsRequiredOnceSinceAllTagsMustMatch() {
        InvalidOptionException e = assertThrows(InvalidOptionException.class, () -> TableSelection.all()
                .withTag(TagCondition.parse("backup=daily")).withTag(TagCondition.parse("backup=weekly")));

        assertEquals("tag: \"backup=weekly\" violates each key once (all tags must match: backup=daily is already "
                + "required)", e.getMessage());
    }

    @Test
    void anArnsTableNameIsWhatTagsAreLookedUpBy() {
        assertEquals("orders", TableSelection.tableNameOf("arn:aws:dynamodb:us-east-1:123456789012:table/orders"));
        assertEquals("orders", TableSelection.tableNameOf("orders"));
    }
}
