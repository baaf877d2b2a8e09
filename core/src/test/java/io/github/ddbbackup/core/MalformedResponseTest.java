package io.github.ddbbackup.core;

import io.github.ddbbackup.core.internal.WireCodec;
import static io.github.ddbbackup.core.ApiJson.BACKUP_ARN;
import static io.github.ddbbackup.core.ApiJson.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.core.error.ClientSideException;
import io.github.ddbbackup.core.error.MalformedResponseException;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Responses that must not decode: each gives a {@link MalformedResponseException} that keeps the status and request
 * id and says what is wrong, never a {@code NullPointerException} later or a silently converted value.
 */
class MalformedResponseTest {

    private static final Map<String, String> CREATE_BACKUP_DETAILS = Map.of(
            "BackupArn", "\"" + BACKUP_ARN + "\"",
            "BackupCreationDateTime", "1795264347.487",
            "BackupName", "\"orders-nightly\"",
            "BackupStatus", "\"CREATING\"",
            "BackupType", "\"USER\"");

    /** A CreateBackup response whose BackupDetails lacks {@code member}. */
    private static String createBackupResponseWithout(String member) {
        return CREATE_BACKUP_DETAILS.entrySet().stream()
                .filter(entry -> !entry.getKey().equals(member))
                .map(entry -> "\"" + entry.getKey() + "\": " + entry.getValue())
                .collect(Collectors.joining(", ", "{\"BackupDetails\": {", "}}"));
    }

    private static MalformedResponseException malformed(Operation<?, ?> operation, String body) {
        MalformedResponseException e = assertThrows(MalformedResponseException.class,
                () -> WireCodec.shared().decodeResponse(operation, utf8(body), 200, "req-42"));
        assertEquals(200, e.httpStatus());
        assertEquals("req-42", e.requestId());
        assertInstanceOf(ClientSideException.class, e, "no error response: a client-side failure, without a code");
        assertTrue(e.getMessage().startsWith(operation.name() + " response"), e.getMessage());
        return e;
    }

    @ParameterizedTest(name = "without {0}")
    @ValueSource(strings = {"BackupArn", "BackupName", "BackupStatus", "BackupType", "BackupCreationDateTime"})
    void backupDetailsWithoutARequiredMemberNamesIt(String member) {
        String body = createBackupResponseWithout(member);

        MalformedResponseException e = malformed(Operation.CREATE_BACKUP, body);

        assertTrue(e.getMessage().contains("missing required member BackupDetails." + member), e.getMessage());
    }

    @Test
    void requiredMemberSetToJsonNullIsMissing() {
        String body = createBackupResponseWithout("BackupArn").replace("{\"BackupDetails\": {",
                "{\"BackupDetails\": {\"BackupArn\": null, ");

        MalformedResponseException e = malformed(Operation.CREATE_BACKUP, body);

        assertTrue(e.getMessage().contains("missing required member BackupDetails.BackupArn"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            CreateBackup   | {}                          | CreateBackupOutput.BackupDetails
            CreateBackup   | {"BackupDetails": null}     | CreateBackupOutput.BackupDetails
            DescribeBackup | {}                          | DescribeBackupOutput.BackupDescription
            DeleteBackup   | {"Other": 1}                | DeleteBackupOutput.BackupDescription
            DescribeBackup | {"BackupDescription": {"SourceTableFeatureDetails": {"StreamDescription": {}}}} | StreamSpecification.StreamEnabled
            DescribeBackup | {"BackupDescription": {"SourceTableDetails": {"TableName": "orders"}}}          | SourceTableDetails.TableId
            """)
    void responseWithoutARequiredMemberNamesIt(String operation, String body, String member) {
        MalformedResponseException e = malformed(operationNamed(operation), body);

        assertTrue(e.getMessage().contains("missing required member " + member), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            "123" for BackupSizeBytes          | {"BackupSummaries":[{"BackupSizeBytes":"123"}]}
            1.5 for BackupSizeBytes            | {"BackupSummaries":[{"BackupSizeBytes":1.5}]}
            "" for BackupSizeBytes             | {"BackupSummaries":[{"BackupSizeBytes":""}]}
            true for BackupSizeBytes           | {"BackupSummaries":[{"BackupSizeBytes":true}]}
            number for BackupArn               | {"BackupSummaries":[{"BackupArn":123}]}
            boolean for BackupName             | {"BackupSummaries":[{"BackupName":false}]}
            object for TableName               | {"BackupSummaries":[{"TableName":{}}]}
            string for a timestamp             | {"BackupSummaries":[{"BackupCreationDateTime":"1795264347.487"}]}
            boolean for a timestamp            | {"BackupSummaries":[{"BackupCreationDateTime":true}]}
            number for BackupStatus            | {"BackupSummaries":[{"BackupStatus":5}]}
            object for BackupType              | {"BackupSummaries":[{"BackupType":{"v":"USER"}}]}
            object for the summaries list      | {"BackupSummaries":{"BackupArn":"x"}}
            string for a summary               | {"BackupSummaries":["x"]}
            timestamp beyond Instant's range   | {"BackupSummaries":[{"BackupCreationDateTime":1e30}]}
            """)
    void memberOfTheWrongTypeIsMalformed(String what, String body) {
        MalformedResponseException e = malformed(Operation.LIST_BACKUPS, body);

        assertTrue(e.getMessage().contains("BackupSummaries"), () -> "names where: " + e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            string for StreamEnabled | {"BackupDescription":{"SourceTableFeatureDetails":{"StreamDescription":{"StreamEnabled":"true"}}}}
            number for StreamEnabled | {"BackupDescription":{"SourceTableFeatureDetails":{"StreamDescription":{"StreamEnabled":1}}}}
            string for ItemCount     | {"BackupDescription":{"SourceTableDetails":{"ItemCount":"7"}}}
            """)
    void nestedMemberOfTheWrongTypeIsMalformed(String what, String body) {
        malformed(Operation.DESCRIBE_BACKUP, body);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "",
            "   ",
            "null",
            "[]",
            "\"a string\"",
            "42",
            "{\"TableNames\": [\"a\"",
            "{\"TableNames\": [\"a\"]",
            "{\"TableNames\": [\"a\"]} trailing",
            "{\"TableNames\": []}{}",
            "{\"TableNames\": []} []",
            "<html><body>502 Bad Gateway</body></html>",
            "{'TableNames': []}",
            "{\"TableNames\": [\"a\",]}"})
    void bodyThatIsNotOneJsonObjectIsMalformed(String body) {
        malformed(Operation.LIST_TABLES, body);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1e18", "-1e18", "1e9999999", "1e999999999", "-1e999999999"})
    void timestampBeyondInstantsRangeIsMalformedWithoutBigIntegerArithmetic(String number) {
        String body = "{\"BackupSummaries\":[{\"BackupCreationDateTime\":" + number + "}]}";

        // Before the range check these overflowed BigInteger (or spent seconds multiplying) inside setScale.
        MalformedResponseException e = malformed(Operation.LIST_BACKUPS, body);

        assertTrue(e.getMessage().contains("epoch seconds beyond Instant's range"), e.getMessage());
    }

    private static Operation<?, ?> operationNamed(String name) {
        return switch (name) {
            case "CreateBackup" -> Operation.CREATE_BACKUP;
            case "DescribeBackup" -> Operation.DESCRIBE_BACKUP;
            case "DeleteBackup" -> Operation.DELETE_BACKUP;
            default -> throw new IllegalArgumentException(name);
        };
    }
}
