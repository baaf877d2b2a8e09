package io.github.ddbbackup.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a selection means: no silent surprises when it matches nothing. */
@Timeout(60)
class SelectionTest {

    @RegisterExtension
    static final CountedEmulator EMULATOR = new CountedEmulator(3);

    @Test
    void aPrefixMatchingNoTableExitsOneSayingSo() {
        Cli.Result result = Cli.run(Cli.against(EMULATOR.get(), "backup", "--prefix", "orders-"));

        assertEquals(DdbBackup.EXIT_FAILED, result.code(), result.out() + result.err());
        assertTrue(result.err().contains("no table matched --prefix 'orders-'"), result.err());
        assertEquals(0, EMULATOR.get().stats().callCount("CreateBackup"));
    }

    @Test
    void aRegexWhoseTablesAreAllExcludedExitsOneNamingBoth() {
        Cli.Result result = Cli.run(Cli.against(EMULATOR.get(), "backup", "--regex", "t-.*", "--exclude", "t-[0-2]"));

        assertEquals(DdbBackup.EXIT_FAILED, result.code(), result.out() + result.err());
        assertTrue(result.err().contains("no table matched --regex 't-.*' with --exclude 't-[0-2]'"), result.err());
    }

    @Test
    void allowEmptyMakesAnEmptySelectionASuccess() {
        Cli.Result result = Cli.run(Cli.against(EMULATOR.get(), "backup", "--prefix", "orders-", "--allow-empty"));

        assertEquals(DdbBackup.EXIT_OK, result.code(), result.out() + result.err());
        assertTrue(result.out().contains("backup: 0 tables"), result.out());
    }
}
