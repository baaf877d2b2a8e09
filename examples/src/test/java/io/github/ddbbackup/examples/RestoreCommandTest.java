package io.github.ddbbackup.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.core.BackupType;
import io.github.ddbbackup.emulator.DynamoDbEmulator;
import io.github.ddbbackup.emulator.DynamoDbEmulatorExtension;
import io.github.ddbbackup.reactor.DynamoDbBackupClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import tools.jackson.databind.JsonNode;

/**
 * {@code ddb-backup restore} against an emulator: the newest backup restored, the source's tags, time to live and
 * point-in-time recovery applied to the new table (checked on the table, not only in the output), the settings
 * DynamoDB does not restore reported, and the operator's mistakes refused before anything is sent.
 */
class RestoreCommandTest {

    @RegisterExtension
    final DynamoDbEmulatorExtension emulators = DynamoDbEmulatorExtension.onDemand(settings -> settings
            .restoreDelay(Duration.ofMillis(1500)));
    private DynamoDbEmulator emulator;
    private DynamoDbBackupClient client;

    @BeforeEach
    void start() {
        emulator = emulators.start();
        emulator.createTable("orders");
        emulator.configureTable("orders", Map.of("team", "payments", "env", "prod"), "expiresAt", true);
        emulator.setItemCount("orders", 77);
        client = DynamoDbBackupClient.builder().endpointOverride(emulator.endpoint()).region(emulator.region())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        emulator.accessKeyId(), emulator.secretAccessKey())))
                .build();
    }

    @AfterEach
    void stop() {
        client.close();
    }

    @Test
    void restoresTheLatestBackupAndCopiesTagsTimeToLiveAndRecoveryOntoTheNewTable(@TempDir Path dir)
            throws Exception {
        emulator.putBackup("orders", "orders-old", BackupType.USER);
        String newest = emulator.putBackup("orders", "orders-new", BackupType.USER).backupArn();
        Path report = dir.resolve("restore.json");

        Cli.Result result = Cli.run(Cli.against(emulator, "restore", "--table", "orders", "--latest",
                "--to", "orders-restored", "--copy-settings", "--report", report.toString()));

        assertEquals(DdbBackup.EXIT_OK, result.code(), result.out() + result.err());
        assertTrue(result.out().contains("restoring backup orders-new of orders"), result.out());
        assertTrue(result.out().contains("orders-restored is ACTIVE after"), result.out());
        assertTrue(result.out().contains("tags: 2 tags applied (env, team)"), result.out());
        assertTrue(result.out().contains("time to live: enabled on expiresAt"), result.out());
        assertTrue(result.out().contains("point-in-time recovery: enabled"), result.out());
        assertTrue(result.out().contains("stream: none on the source (not restored: set it yourself)"), result.out());
        assertTrue(result.out().contains("auto scaling policies, CloudWatch alarms, IAM policies: not restored"),
                result.out());

        assertEquals(Map.of("team", "payments", "env", "prod"), emulator.tags("orders-restored"));
        assertEquals("expiresAt", client.describeTimeToLive("orders-restored").block().attributeName()
                .orElseThrow());
        assertTrue(client.describeContinuousBackups("orders-restored").block().pointInTimeRecoveryEnabled());
        assertEquals(77L, client.describeTable("orders-restored").block().itemCount().orElseThrow());

        JsonNode json = ReportFile.JSON.readTree(Files.readAllBytes(report));
        assertEquals(1, json.get("summary").get("restored").asInt(), json.toString());
        JsonNode entry = json.get("tables").get(0);
        assertEquals("orders", entry.get("table").asString());
        assertEquals("RESTORED", entry.get("status").asString());
        assertEquals(newest, entry.get("backupArn").asString());
        assertEquals("the source table orders", entry.get("settingsFrom").asString());
        assertEquals(0, json.get("exitCode").asInt());
    }

    @Test
    void aGoneSourceTableGivesItsSettingsFromARecordedReportAndWithoutOneTheRestoreSaysSo(@TempDir Path dir)
            throws Exception {
        String backup = emulator.putBackup("orders", "orders-1", BackupType.USER).backupArn();
        emulator.deleteTable("orders");
        Path recorded = dir.resolve("backup.json");
        Files.writeString(recorded, "{\"settings\":{\"orders\":{\"tags\":{\"team\":\"payments\"},"
                + "\"timeToLiveAttribute\":null,\"pointInTimeRecovery\":true,\"stream\":\"NEW_IMAGE\"}}}",
                StandardCharsets.UTF_8);

        Cli.Result fromReport = Cli.run(Cli.against(emulator, "restore", "--backup", backup, "--to", "orders",
                "--copy-settings", "--settings-from", recorded.toString()));
        assertEquals(DdbBackup.EXIT_OK, fromReport.code(), fromReport.out() + fromReport.err());
        assertTrue(fromReport.out().contains("copying settings from the settings recorded in " + recorded),
                fromReport.out());
        assertTrue(fromReport.out().contains("time to live: off on the source, left off"), fromReport.out());
        assertTrue(fromReport.out().contains("stream: NEW_IMAGE on the source (not restored: set it yourself)"),
                fromReport.out());
        assertEquals(Map.of("team", "payments"), emulator.tags("orders"));

        Cli.Result without = Cli.run(Cli.against(emulator, "restore", "--backup", backup, "--to", "orders-2",
                "--copy-settings"));
        assertEquals(DdbBackup.EXIT_FAILED, without.code(), without.out() + without.err());
        assertTrue(without.out().contains("settings not copied: the source table orders no longer exists"),
                without.out());
        assertTrue(emulator.hasTable("orders-2"), "the restore itself happened");
    }

    @Test
    void aBackupJobRecordsTheSettingsThatARestoreAppliesOnceTheSourceIsGone(@TempDir Path dir) throws Exception {
        Path backupReport = dir.resolve("backup.json");
        Cli.Result backup = Cli.run(Cli.against(emulator, "backup", "--tables", "orders", "--record-settings",
                "--report", backupReport.toString()));
        assertEquals(DdbBackup.EXIT_OK, backup.code(), backup.out() + backup.err());
        JsonNode recorded = ReportFile.JSON.readTree(Files.readAllBytes(backupReport)).get("settings").get("orders");
        assertEquals("expiresAt", recorded.get("timeToLiveAttribute").asString());
        assertEquals("payments", recorded.get("tags").get("team").asString());
        assertEquals(1, emulator.stats().callCount("ListTagsOfResource"));

        String backupArn = ReportFile.JSON.readTree(Files.readAllBytes(backupReport)).get("tables").get(0)
                .get("backupArn").asString();
        emulator.deleteTable("orders");
        Cli.Result restore = Cli.run(Cli.against(emulator, "restore", "--backup", backupArn, "--to", "orders",
                "--copy-settings", "--settings-from", backupReport.toString()));
        assertEquals(DdbBackup.EXIT_OK, restore.code(), restore.out() + restore.err());
        assertEquals(Map.of("team", "payments", "env", "prod"), emulator.tags("orders"));
        assertEquals("expiresAt", client.describeTimeToLive("orders").block().attributeName().orElseThrow());

        Cli.Result withoutReport = Cli.run(Cli.against(emulator, "backup", "--tables", "orders",
                "--record-settings"));
        assertEquals(DdbBackup.EXIT_USAGE, withoutReport.code());
        assertTrue(withoutReport.err().contains("give --report FILE too"), withoutReport.err());
    }

    @Test
    void aDryRunFindsTheBackupAndRestoresNothing() {
        emulator.putBackup("orders", "orders-1", BackupType.USER);
        Cli.Result result = Cli.run(Cli.against(emulator, "restore", "--table", "orders", "--latest", "--to",
                "orders-copy", "--dry-run"));
        assertEquals(DdbBackup.EXIT_OK, result.code(), result.err());
        assertTrue(result.out().contains("would restore backup orders-1 of orders"), result.out());
        assertFalse(emulator.hasTable("orders-copy"));
        assertEquals(0, emulator.stats().callCount("RestoreTableFromBackup"));
    }

    @Test
    void refusalsOfDynamoDbAreReportedWithTheirCodeAndExitOne() {
        Cli.Result noBackup = Cli.run(Cli.against(emulator, "restore", "--table", "orders", "--latest", "--to",
                "orders-copy"));
        assertEquals(DdbBackup.EXIT_FAILED, noBackup.code());
        assertTrue(noBackup.err().contains("no AVAILABLE backup of table orders"), noBackup.err());

        String backup = emulator.putBackup("orders", "orders-1", BackupType.USER).backupArn();
        Cli.Result exists = Cli.run(Cli.against(emulator, "restore", "--backup", backup, "--to", "orders"));
        assertEquals(DdbBackup.EXIT_FAILED, exists.code());
        assertTrue(exists.err().contains("TableAlreadyExistsException"), exists.err());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no backup named                | --to x-copy                                         | give the backup to restore",
            "both sources                   | --backup arn:aws:dynamodb:us-east-1:123456789012:table/orders/backup/01795264347487-0123abcd --table orders --latest --to copy-1 | not both",
            "table without latest           | --table orders --to orders-copy                      | add --latest",
            "before without latest          | --backup arn:aws:dynamodb:us-east-1:123456789012:table/orders/backup/01795264347487-0123abcd --before 2026-01-01T00:00:00Z --to copy-1 | --before applies to --latest",
            "bad before                     | --table orders --latest --before yesterday --to copy-1   | ISO-8601 instant",
            "short target                   | --table orders --latest --to x                       | --to: \"x\" violates length 3..255",
            "one capacity                   | --table orders --latest --to copy-1 --read-capacity 5    | go together",
            "unknown billing mode           | --table orders --latest --to copy-1 --billing-mode ON_DEMAND | --billing-mode",
            "settings without copy          | --table orders --latest --to copy-1 --settings-from x.json | --settings-from applies to --copy-settings",
            "no target table name           | --table orders --latest                              | Missing required option: '--to=NAME'"})
    void usageErrorsAreRefusedBeforeAnythingIsSent(String name, String arguments, String expected) {
        Cli.Result result = Cli.run(Cli.against(emulator, ("restore " + arguments.strip()).split(" +")));
        assertEquals(DdbBackup.EXIT_USAGE, result.code(), result.out() + result.err());
        assertTrue(result.err().contains(expected.strip()), result.err());
        assertEquals(0, emulator.stats().requestCount("RestoreTableFromBackup"));
    }
}
