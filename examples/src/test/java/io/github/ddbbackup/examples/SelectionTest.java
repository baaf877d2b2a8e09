package io.github.ddbbackup.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.emulator.DynamoDbEmulator;
import io.github.ddbbackup.emulator.DynamoDbEmulatorExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What a selection means: one table is one table, and no silent surprises when it matches nothing. */
@Timeout(60)
class SelectionTest {

    @RegisterExtension
    static final CountedEmulator EMULATOR = new CountedEmulator(3);
    /** For the tests that need an emulator of their own. */
    @RegisterExtension
    final DynamoDbEmulatorExtension emulators = DynamoDbEmulatorExtension.onDemand();

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

    @Test
    void spacesAroundNamesInTablesAreTrimmed() {
        DynamoDbEmulator own = Cli.emulator(emulators, 2);
        Cli.Result result = Cli.run(Cli.against(own, "backup", "--tables", " t-0 , t-1"));

        assertEquals(DdbBackup.EXIT_OK, result.code(), result.out() + result.err());
        assertEquals(Map.of("t-0", 1, "t-1", 1), backupsPerTable(own));
    }

    @Test
    void invalidNamesAreAUsageErrorListingEachShortenedBeforeAnythingIsSent() {
        String overlong = "x".repeat(300);

        Cli.Result result = Cli.run(Cli.against(EMULATOR.get(), "backup", "--tables",
                "t-0,a b,xy," + overlong + ",arn:aws:dynamodb:us-east-1:1:table/t-1"));

        assertEquals(DdbBackup.EXIT_USAGE, result.code(), result.out() + result.err());
        assertTrue(result.err().contains("--tables: 'a b', 'xy', '" + "x".repeat(61) + "...' (300 characters),"
                + " 'arn:aws:dynamodb:us-east-1:1:table/t-1' violate a table name"), result.err());
        assertEquals(List.of(), EMULATOR.get().stats().requests(), "requests the emulator received");
    }

    @Test
    void aTableNamedByItsArnAndByItsNameIsBackedUpOnce(@TempDir Path dir) throws IOException {
        DynamoDbEmulator own = Cli.emulator(emulators, 2);
        String arn = own.tableArn("t-0");
        Path file = Files.writeString(dir.resolve("tables.txt"), "t-1\n" + arn + "\n" + own.tableArn("t-1")
                + "\n");

        Cli.Result listed = Cli.run(Cli.against(own, "backup", "--tables", "t-0," + arn));
        Cli.Result fromFile = Cli.run(Cli.against(own, "backup", "--tables-file", file.toString()));

        assertEquals(DdbBackup.EXIT_OK, listed.code(), listed.out() + listed.err());
        assertEquals(DdbBackup.EXIT_OK, fromFile.code(), fromFile.out() + fromFile.err());
        assertEquals(Map.of("t-0", 2, "t-1", 1), backupsPerTable(own), "t-0: one backup per run");
    }

    private static Map<String, Integer> backupsPerTable(DynamoDbEmulator emulator) {
        return emulator.stats().backupsByTable().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().size()));
    }

    @Test
    void anArnOfAnotherRegionIsAUsageErrorBeforeAnythingIsSent() {
        Cli.Result result = Cli.run(Cli.against(EMULATOR.get(), "backup", "--tables",
                "t-0,arn:aws:dynamodb:eu-west-1:123456789012:table/t-0"));

        assertEquals(DdbBackup.EXIT_USAGE, result.code(), result.out() + result.err());
        assertTrue(result.err().contains("'arn:aws:dynamodb:eu-west-1:123456789012:table/t-0' is of another region"
                + " than the target's, us-east-1"), result.err());
        assertEquals(List.of(), EMULATOR.get().stats().requests(), "requests the emulator received");
    }

    @Test
    void anArnOfAnotherAccountIsAUsageErrorNamingBothAccounts() {
        Cli.Result result = Cli.run(Cli.against(EMULATOR.get(), "backup", "--tables",
                "t-1,arn:aws:dynamodb:us-east-1:210987654321:table/t-0"));

        assertEquals(DdbBackup.EXIT_USAGE, result.code(), result.out() + result.err());
        assertTrue(result.err().contains("--tables: 'arn:aws:dynamodb:us-east-1:210987654321:table/t-0' (account"
                + " 210987654321) is of another account than the target " + EMULATOR.get().endpoint()
                + " (us-east-1), account 123456789012"), result.err());
        assertEquals(1, EMULATOR.get().stats().requestCount("GetCallerIdentity"));
        assertEquals(0, EMULATOR.get().stats().requestCount("CreateBackup"));
    }

    @Test
    void anArnOfAnotherAccountInTheTablesFileIsAUsageError(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("tables.txt"),
                "t-1\narn:aws:dynamodb:us-east-1:210987654321:table/t-2\n");

        Cli.Result result = Cli.run(Cli.against(EMULATOR.get(), "backup", "--tables-file", file.toString()));

        assertEquals(DdbBackup.EXIT_USAGE, result.code(), result.out() + result.err());
        assertTrue(result.err().contains("--tables-file: 'arn:aws:dynamodb:us-east-1:210987654321:table/t-2' (account"
                + " 210987654321) is of another account than the target"), result.err());
        assertEquals(0, EMULATOR.get().stats().requestCount("CreateBackup"));
    }

    @Test
    void arnsOfTheTargetsAccountAreConfirmedWithOneStsCallAndBackedUp() {
        Cli.Result result = Cli.run(Cli.against(EMULATOR.get(), "backup", "--tables",
                "arn:aws:dynamodb:us-east-1:123456789012:table/t-0,"
                        + "arn:aws:dynamodb:us-east-1:123456789012:table/t-1"));

        assertEquals(DdbBackup.EXIT_OK, result.code(), result.out() + result.err());
        assertEquals(1, EMULATOR.get().stats().requestCount("GetCallerIdentity"));
        assertEquals(2, EMULATOR.get().stats().callCount("CreateBackup"));
    }

    @Test
    void tablesNamedWithoutArnsNeedNoStsCall() {
        Cli.Result result = Cli.run(Cli.against(EMULATOR.get(), "backup", "--tables", "t-0"));

        assertEquals(DdbBackup.EXIT_OK, result.code(), result.out() + result.err());
        assertEquals(0, EMULATOR.get().stats().requestCount("GetCallerIdentity"));
    }

    @Test
    void anAccountThatCannotBeConfirmedIsAUsageErrorWhenAnArnNeedsIt() {
        // The job signs with the default keys (Cli), which this emulator does not know: STS refuses them.
        try (DynamoDbEmulator strange = DynamoDbEmulator.builder().port(0)
                .credentials("AKIAOTHERKEYEXAMPLE0", "another-secret").build()) {
            strange.createTables("t-", 1);
            strange.start();

            Cli.Result result = Cli.run(Cli.against(strange, "backup", "--tables",
                    "arn:aws:dynamodb:us-east-1:123456789012:table/t-0"));

            assertEquals(DdbBackup.EXIT_USAGE, result.code(), result.out() + result.err());
            assertTrue(result.err().contains("cannot confirm the account of " + strange.endpoint() + " (us-east-1),"
                    + " which --tables names account 123456789012 by ARN (InvalidClientTokenId:"
                    + " STS GetCallerIdentity at " + strange.endpoint() + "/ refused: "), result.err());
            assertEquals(1, strange.stats().requestCount("GetCallerIdentity"));
            assertEquals(0, strange.stats().requestCount("CreateBackup"));
        }
    }

    @Test
    void aDryRunShowsTheNamedTablesThatDoNotExistWithOneListTablesCall() {
        Cli.Result result = Cli.run(Cli.against(EMULATOR.get(), "backup", "--tables", "t-0,nope-1,nope-2",
                "--dry-run"));

        assertEquals(DdbBackup.EXIT_FAILED, result.code(), result.out() + result.err());
        assertTrue(result.out().contains("  nope-1: dry run: no such table"), result.out());
        assertTrue(result.out().contains("  nope-2: dry run: no such table"), result.out());
        assertTrue(result.out().contains("  t-0: dry run: would create backup t-0-"), result.out());
        assertTrue(result.err().contains("2 named tables not found"), result.err());
        assertEquals(1, EMULATOR.get().stats().requestCount("ListTables"));
        assertEquals(0, EMULATOR.get().stats().callCount("CreateBackup"));
    }
}
