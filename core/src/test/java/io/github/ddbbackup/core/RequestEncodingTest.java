package io.github.ddbbackup.core;

import io.github.ddbbackup.core.internal.WireCodec;
import io.github.ddbbackup.core.internal.WireFormatException;
import static io.github.ddbbackup.core.ApiJson.BACKUP_ARN;
import static io.github.ddbbackup.core.ApiJson.TABLE_ARN;
import static io.github.ddbbackup.core.ApiJson.text;
import static io.github.ddbbackup.core.ApiJson.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Request bodies byte for byte as the API reference's request syntax spells them (PascalCase, members omitted when
 * null), and the same bodies decoded back, as the emulator receives them.
 */
class RequestEncodingTest {

    private static final WireCodec CODEC = WireCodec.shared();

    private static String encode(Object request) {
        return text(CODEC.encode(request));
    }

    @Test
    void createBackup() {
        assertEquals("{\"TableName\":\"orders\",\"BackupName\":\"orders-nightly\"}",
                encode(new CreateBackupRequest("orders", "orders-nightly")));
    }

    @Test
    void createBackupWithATableArn() {
        assertEquals("{\"TableName\":\"" + TABLE_ARN + "\",\"BackupName\":\"b.1_x-y\"}",
                encode(new CreateBackupRequest(TABLE_ARN, "b.1_x-y")));
    }

    @Test
    void describeAndDeleteBackup() {
        assertEquals("{\"BackupArn\":\"" + BACKUP_ARN + "\"}", encode(new DescribeBackupRequest(BACKUP_ARN)));
        assertEquals("{\"BackupArn\":\"" + BACKUP_ARN + "\"}", encode(new DeleteBackupRequest(BACKUP_ARN)));
    }

    @Test
    void listBackupsWithNoMembersIsAnEmptyObject() {
        assertEquals("{}", encode(ListBackupsRequest.builder().build()));
    }

    @Test
    void listBackupsOmitsEveryNullMember() {
        assertEquals("{\"TableName\":\"orders\"}", encode(ListBackupsRequest.builder().tableName("orders").build()));
        assertEquals("{\"Limit\":25}", encode(ListBackupsRequest.builder().limit(25).build()));
        assertEquals("{\"BackupType\":\"ALL\"}",
                encode(ListBackupsRequest.builder().backupType(BackupTypeFilter.ALL).build()));
    }

    @Test
    void listBackupsWithEveryMember() {
        ListBackupsRequest request = ListBackupsRequest.builder()
                .tableName("orders")
                .limit(100)
                .timeRangeLowerBound(Instant.ofEpochMilli(1795264347487L))
                .timeRangeUpperBound(Instant.ofEpochSecond(1795350747))
                .exclusiveStartBackupArn(BACKUP_ARN)
                .backupType(BackupTypeFilter.AWS_BACKUP)
                .build();

        ApiJson.assertSameJson("""
                {"BackupType": "AWS_BACKUP", "ExclusiveStartBackupArn": "%s", "Limit": 100, "TableName": "orders",
                 "TimeRangeLowerBound": 1795264347.487, "TimeRangeUpperBound": 1795350747}""".formatted(BACKUP_ARN),
                CODEC.encode(request));
    }

    @Test
    void listBackupsNextPageKeepsTheOtherMembers() {
        ListBackupsRequest first = ListBackupsRequest.builder().tableName("orders").limit(10).build();

        ListBackupsRequest next = first.nextPage(BACKUP_ARN);

        assertEquals("{\"TableName\":\"orders\",\"Limit\":10,\"ExclusiveStartBackupArn\":\"" + BACKUP_ARN + "\"}",
                encode(next));
        assertEquals(next, first.toBuilder().exclusiveStartBackupArn(BACKUP_ARN).build());
        assertThrows(RequestValidationException.class, () -> first.nextPage("too-short"));
    }

    @ParameterizedTest
    @EnumSource(BackupTypeFilter.class)
    void listBackupsTypeFilterIsSentByName(BackupTypeFilter type) {
        assertEquals("{\"BackupType\":\"" + type.name() + "\"}",
                encode(ListBackupsRequest.builder().backupType(type).build()));
    }

    @Test
    void listTables() {
        assertEquals("{}", encode(ListTablesRequest.firstPage()));
        assertEquals("{\"ExclusiveStartTableName\":\"orders\",\"Limit\":100}",
                encode(new ListTablesRequest("orders", 100)));
        assertEquals("{\"Limit\":1}", encode(new ListTablesRequest(null, 1)));
    }

    @Test
    void decodedRequestsEqualTheOnesEncoded() {
        Object[] requests = {
                new CreateBackupRequest(TABLE_ARN, "orders-nightly"),
                new DescribeBackupRequest(BACKUP_ARN),
                new DeleteBackupRequest(BACKUP_ARN),
                ListBackupsRequest.builder().tableName("orders").limit(5).timeRangeLowerBound(Instant.EPOCH)
                        .timeRangeUpperBound(Instant.ofEpochMilli(1795264347487L)).exclusiveStartBackupArn(BACKUP_ARN)
                        .backupType(BackupTypeFilter.SYSTEM).build(),
                ListBackupsRequest.builder().build(),
                new ListTablesRequest("orders", 7),
                ListTablesRequest.firstPage()};
        for (Object request : requests) {
            assertEquals(request, CODEC.decodeRequest(request.getClass(), CODEC.encode(request)));
        }
    }

    @Test
    void decodedRequestIgnoresUnknownMembers() {
        CreateBackupRequest request = CODEC.decodeRequest(CreateBackupRequest.class,
                utf8("{\"TableName\":\"orders\",\"BackupName\":\"nightly\",\"ClientToken\":\"abc\"}"));

        assertEquals(new CreateBackupRequest("orders", "nightly"), request);
    }

    @Test
    void decodedRequestThatBreaksARuleIsARequestValidationException() {
        RequestValidationException e = assertThrows(RequestValidationException.class, () -> CODEC.decodeRequest(
                CreateBackupRequest.class, utf8("{\"TableName\":\"orders\",\"BackupName\":\"no spaces\"}")));

        assertEquals("BackupName", e.field());
        assertEquals("no spaces", e.value());
    }

    @Test
    void decodedRequestWithoutARequiredMemberIsARequestValidationException() {
        RequestValidationException e = assertThrows(RequestValidationException.class,
                () -> CODEC.decodeRequest(CreateBackupRequest.class, utf8("{\"TableName\":\"orders\"}")));

        assertEquals("BackupName", e.field());
        assertNull(e.value());
        assertEquals("required", e.rule());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", "null", "[]", "{\"BackupType\":\"NOPE\"}", "{\"Limit\":\"5\"}", "{\"Limit\":5.5}",
            "{\"TableName\":5}", "{\"TableName\":\"orders\"", "{} {}"})
    void decodedRequestThatIsNotOfTheInputShapeIsAWireFormatException(String body) {
        WireFormatException e = assertThrows(WireFormatException.class,
                () -> CODEC.decodeRequest(ListBackupsRequest.class, utf8(body)));

        assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
    }
}
