package io.github.ddbbackup.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.emulator.DynamoDbEmulator;
import io.github.ddbbackup.emulator.DynamoDbEmulatorExtension;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code --tag} and {@code --exclude-tag}: tables chosen by their tags, read with GetResources, and bad input. */
@Timeout(60)
class TagOptionsTest {

    @RegisterExtension
    final DynamoDbEmulatorExtension emulators = DynamoDbEmulatorExtension.onDemand();

    /** Six tables t-0..t-5 tagged as {@code --local} tags its tables. */
    private DynamoDbEmulator tagged() {
        DynamoDbEmulator own = Cli.emulator(emulators, 6);
        for (int i = 0; i < 6; i++) {
            own.setTags("t-" + i, LocalEmulator.tagsOf(i));
        }
        return own;
    }

    private static TreeSet<String> backedUp(DynamoDbEmulator emulator) {
        return new TreeSet<>(emulator.stats().backupsByTable().keySet());
    }

    @Test
    void aTagAloneSelectsEveryTableCarryingItWithoutListTables() {
        DynamoDbEmulator own = tagged();

        Cli.Result result = Cli.run(Cli.against(own, "backup", "--tag", "backup=daily"));

        assertEquals(DdbBackup.EXIT_OK, result.code(), result.out() + result.err());
        assertEquals(new TreeSet<>(List.of("t-0", "t-2", "t-4")), backedUp(own));
        assertEquals(1, own.stats().requestCount("GetResources"));
        assertEquals(BackupJob.WARM_UP_CONNECTIONS, own.stats().requestCount("ListTables"), "only the warm-up's");
    }

    @Test
    void tagsAllMatchAndCombineWithExcludedTagsAndOtherSelections() {
        DynamoDbEmulator own = tagged();

        Cli.Result result = Cli.run(Cli.against(own, "backup", "--regex", "t-[0-4]", "--tag", "backup",
                "--exclude-tag", "team=red", "--exclude-tag", "team=blue"));

        assertEquals(DdbBackup.EXIT_OK, result.code(), result.out() + result.err());
        assertEquals(new TreeSet<>(List.of("t-1", "t-4")), backedUp(own), "green: t-1, t-4 (t-5 is not t-[0-4])");
    }

    @Test
    void aTagMatchingNoTableExitsOneNamingIt() {
        DynamoDbEmulator own = tagged();

        Cli.Result result = Cli.run(Cli.against(own, "backup", "--tag", "backup=hourly"));

        assertEquals(DdbBackup.EXIT_FAILED, result.code(), result.out() + result.err());
        assertTrue(result.err().contains("no table matched the region's tables with --tag 'backup=hourly'"),
                result.err());
    }

    @Test
    void badTagsAreUsageErrorsBeforeAnythingIsSent() {
        DynamoDbEmulator own = tagged();
        Map<List<String>, String> cases = Map.of(
                List.of("--tag", "=daily"), "--tag: '=daily' violates a non-blank key (KEY=VALUE or KEY)",
                List.of("--tag", ""), "--tag: '' violates a non-blank key (KEY=VALUE or KEY)",
                List.of("--exclude-tag", "=x", "--all"), "--exclude-tag: '=x' violates a non-blank key",
                List.of("--tag", "k".repeat(129)), "violates a key of at most 128 characters",
                List.of("--tag", "backup=daily", "--tag", "backup=weekly"),
                "--tag: 'backup=weekly' violates each key once (all tags must match: backup=daily is already"
                        + " required)");
        cases.forEach((args, message) -> {
            List<String> all = new java.util.ArrayList<>(List.of("backup"));
            all.addAll(args);
            Cli.Result result = Cli.run(Cli.against(own, all.toArray(String[]::new)));
            assertEquals(DdbBackup.EXIT_USAGE, result.code(), args + ": " + result.out() + result.err());
            assertTrue(result.err().contains(message), args + ": " + result.err());
        });
        assertEquals(List.of(), own.stats().requests(), "requests the emulator received");
    }

    @Test
    void anExcludedTagAloneIsNoSelection() {
        DynamoDbEmulator own = tagged();

        Cli.Result result = Cli.run(Cli.against(own, "backup", "--exclude-tag", "team=red"));

        assertEquals(DdbBackup.EXIT_USAGE, result.code(), result.out() + result.err());
        assertTrue(result.err().contains("missing table selection"), result.err());
    }

    @Test
    void theLocalEmulatorsTablesCarryTheDocumentedPattern() {
        Cli.Result result = Cli.run("backup", "--local", "10", "--tag", "backup=daily", "--exclude-tag", "team=red",
                "--dry-run");

        assertEquals(DdbBackup.EXIT_OK, result.code(), result.out() + result.err());
        for (String table : List.of("table-002:", "table-004:", "table-008:")) {
            assertTrue(result.out().contains(table), table + " in " + result.out());
        }
        for (String table : List.of("table-000:", "table-001:", "table-006:")) {
            assertTrue(!result.out().contains(table), table + " not in " + result.out());
        }
    }

    @Test
    void withoutTagGetResourcesTheJobSaysOnceThatItReadsTagsOneTableAtATimeAndStillSelectsByTag() {
        DynamoDbEmulator own = tagged();
        own.faults().script("GetResources", io.github.ddbbackup.emulator.Fault.error(400, "AccessDeniedException",
                "User is not authorized to perform: tag:GetResources"));

        Cli.Result result = Cli.run(Cli.against(own, "backup", "--all", "--tag", "backup=daily"));

        assertEquals(DdbBackup.EXIT_OK, result.code(), result.out() + result.err());
        assertEquals(new TreeSet<>(List.of("t-0", "t-2", "t-4")), backedUp(own));
        assertEquals(1, result.err().split("ListTagsOfResource instead", -1).length - 1, result.err());
        assertEquals(6, own.stats().callCount("ListTagsOfResource"));
    }
}
