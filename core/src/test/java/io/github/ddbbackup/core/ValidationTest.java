package io.github.ddbbackup.core;

import io.github.ddbbackup.core.internal.Validation;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The API reference's constraints, checked when a request record is built: each boundary on both sides, each illegal
 * character class, null, the table ARN forms, and the exception's account of what is wrong.
 */
class ValidationTest {

    private static final String TABLE = "orders";
    private static final String BACKUP = "nightly";
    private static final String ARN_PREFIX = "arn:aws:dynamodb:us-east-1:123456789012:table/orders/backup/";

    private static RequestValidationException rejected(String field, String rule, Executable build) {
        RequestValidationException e = assertThrows(RequestValidationException.class, build);
        assertEquals(field, e.field());
        assertEquals(rule, e.rule());
        assertTrue(e.getMessage().startsWith(field + ": "), e.getMessage());
        assertTrue(e.getMessage().endsWith(" violates " + rule), e.getMessage());
        return e;
    }

    private static String chars(int length) {
        return "a".repeat(length);
    }

    // --- BackupName: 3..255 of [a-zA-Z0-9_.-]

    @ParameterizedTest(name = "{0} characters")
    @ValueSource(ints = {3, 4, 254, 255})
    void backupNameLengthWithinBounds(int length) {
        String name = chars(length);
        assertEquals(name, new CreateBackupRequest(TABLE, name).backupName());
        assertTrue(Validation.isValidBackupName(name));
    }

    @ParameterizedTest(name = "{0} characters")
    @ValueSource(ints = {0, 1, 2, 256, 1000})
    void backupNameLengthOutOfBounds(int length) {
        String name = chars(length);
        RequestValidationException e = rejected("BackupName", "length 3..255",
                () -> new CreateBackupRequest(TABLE, name));
        assertEquals(name, e.value());
        assertFalse(Validation.isValidBackupName(name));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ABCxyz", "0123456789", "a_b", "a.b", "a-b", "...", "___", "---", "Orders-2026.11_21"})
    void backupNameOfEveryLegalCharacterClass(String name) {
        assertDoesNotThrow(() -> new CreateBackupRequest(TABLE, name));
    }

    static Stream<Arguments> illegalCharacters() {
        return Stream.of(
                Arguments.of("space", "my backup"),
                Arguments.of("unicode letter", "café-backup"),
                Arguments.of("non-latin letters", "резерв"),
                Arguments.of("slash", "orders/nightly"),
                Arguments.of("colon", "orders:nightly"),
                Arguments.of("tab", "orders\tnightly"),
                Arguments.of("newline", "orders\nnightly"),
                Arguments.of("NUL", "orders\u0000nightly"),
                Arguments.of("DEL", "orders\u007fnightly"),
                Arguments.of("emoji", "orders\uD83D\uDE00"),
                Arguments.of("plus", "a+b"),
                Arguments.of("at", "a@b"),
                Arguments.of("asterisk", "abc*"),
                Arguments.of("fullwidth digit", "abc\uFF11"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("illegalCharacters")
    void backupNameWithAnIllegalCharacter(String what, String name) {
        RequestValidationException e = rejected("BackupName", "pattern [a-zA-Z0-9_.-]+",
                () -> new CreateBackupRequest(TABLE, name));
        assertEquals(name, e.value());
        assertFalse(Validation.isValidBackupName(name));
    }

    @Test
    void backupNameNull() {
        RequestValidationException e = rejected("BackupName", "required", () -> new CreateBackupRequest(TABLE, null));
        assertNull(e.value());
        assertEquals("BackupName: null violates required", e.getMessage());
        assertFalse(Validation.isValidBackupName(null));
    }

    // --- TableName: 1..1024, a plain name (3..255 of [a-zA-Z0-9_.-]) or a table ARN

    @ParameterizedTest(name = "{0} characters")
    @ValueSource(ints = {3, 255})
    void plainTableNameLengthWithinBounds(int length) {
        String name = chars(length);
        assertEquals(name, new CreateBackupRequest(name, BACKUP).tableName());
        assertEquals(name, ListBackupsRequest.builder().tableName(name).build().tableName());
    }

    @ParameterizedTest(name = "{0} characters")
    @ValueSource(ints = {1, 2, 256})
    void plainTableNameLengthOutOfBoundsThoughWithin1To1024(int length) {
        String name = chars(length);
        rejected("TableName", "length 3..255", () -> new CreateBackupRequest(name, BACKUP));
    }

    @ParameterizedTest(name = "{0} characters")
    @ValueSource(ints = {0, 1025, 5000})
    void tableNameOutsideTheMemberLength(int length) {
        rejected("TableName", "length 1..1024", () -> new CreateBackupRequest(chars(length), BACKUP));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("illegalCharacters")
    void plainTableNameWithAnIllegalCharacter(String what, String name) {
        rejected("TableName", "pattern [a-zA-Z0-9_.-]+", () -> new CreateBackupRequest(name, BACKUP));
    }

    @Test
    void tableNameNull() {
        rejected("TableName", "required", () -> new CreateBackupRequest(null, BACKUP));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "arn:aws:dynamodb:us-east-1:123456789012:table/orders",
            "arn:aws-cn:dynamodb:cn-north-1:123456789012:table/orders",
            "arn:aws-us-gov:dynamodb:us-gov-west-1:123456789012:table/orders",
            "arn:aws:dynamodb:eu-central-2:000000000000:table/a.b_c-D9",
            "arn:aws:dynamodb:ap-southeast-1:123456789012:table/abc"})
    void tableArnForms(String arn) {
        assertEquals(arn, new CreateBackupRequest(arn, BACKUP).tableName());
        assertEquals(arn, ListBackupsRequest.builder().tableName(arn).build().tableName());
    }

    @Test
    void tableArnWithTheLongestTableName() {
        String arn = "arn:aws:dynamodb:us-east-1:123456789012:table/" + chars(255);
        assertEquals(arn, new CreateBackupRequest(arn, BACKUP).tableName());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "arn:aws:s3:us-east-1:123456789012:table/orders",
            "arn:aws:dynamodb:us-east-1::table/orders",
            "arn:aws:dynamodb:us-east-1:12345:table/orders",
            "arn:aws:dynamodb:us-east-1:1234567890123:table/orders",
            "arn:aws:dynamodb::123456789012:table/orders",
            "arn::dynamodb:us-east-1:123456789012:table/orders",
            "arn:gcp:dynamodb:us-east-1:123456789012:table/orders",
            "arn:aws:dynamodb:us-east-1:123456789012:table/",
            "arn:aws:dynamodb:us-east-1:123456789012:table/ab",
            "arn:aws:dynamodb:us-east-1:123456789012:table/or ders",
            "arn:aws:dynamodb:us-east-1:123456789012:table/orders/backup/01795264347487-1a2b3c4d",
            "arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/2026-11-21T12:00:00.000",
            "arn:aws:dynamodb:us-east-1:123456789012:orders",
            "arn:aws:dynamodb:us-east-1:123456789012:global-table/orders",
            "arn:aws:dynamodb:US-EAST-1:123456789012:table/orders",
            "arn:"})
    void malformedTableArn(String arn) {
        RequestValidationException e = rejected("TableName",
                "table ARN form arn:<partition>:dynamodb:<region>:<account>:table/<name>",
                () -> new CreateBackupRequest(arn, BACKUP));
        assertEquals(arn, e.value());
    }

    @Test
    void tableArnLongerThan1024IsRejectedByLength() {
        String arn = "arn:aws:dynamodb:us-east-1:123456789012:table/" + chars(1024);
        rejected("TableName", "length 1..1024", () -> new CreateBackupRequest(arn, BACKUP));
    }

    // --- BackupArn: 37..1024

    @ParameterizedTest(name = "{0} characters")
    @ValueSource(ints = {37, 38, 1023, 1024})
    void backupArnLengthWithinBounds(int length) {
        String arn = arnOfLength(length);
        assertEquals(arn, new DescribeBackupRequest(arn).backupArn());
        assertEquals(arn, new DeleteBackupRequest(arn).backupArn());
        assertEquals(arn, ListBackupsRequest.builder().exclusiveStartBackupArn(arn).build().exclusiveStartBackupArn());
    }

    @ParameterizedTest(name = "{0} characters")
    @ValueSource(ints = {0, 36, 1025})
    void backupArnLengthOutOfBounds(int length) {
        String arn = arnOfLength(length);
        rejected("BackupArn", "length 37..1024", () -> new DescribeBackupRequest(arn));
        rejected("BackupArn", "length 37..1024", () -> new DeleteBackupRequest(arn));
        rejected("ExclusiveStartBackupArn", "length 37..1024",
                () -> ListBackupsRequest.builder().exclusiveStartBackupArn(arn).build());
    }

    @Test
    void backupArnNull() {
        rejected("BackupArn", "required", () -> new DescribeBackupRequest(null));
        rejected("BackupArn", "required", () -> new DeleteBackupRequest(null));
    }

    private static String arnOfLength(int length) {
        String arn = ARN_PREFIX + "0".repeat(Math.max(0, length - ARN_PREFIX.length()));
        return arn.substring(0, length);
    }

    // --- Limit and the other optional members of ListBackups and ListTables

    @ParameterizedTest(name = "Limit {0}")
    @ValueSource(ints = {1, 2, 99, 100})
    void limitWithinRange(int limit) {
        assertEquals(limit, ListBackupsRequest.builder().limit(limit).build().limit());
        assertEquals(limit, new ListTablesRequest(null, limit).limit());
    }

    @ParameterizedTest(name = "Limit {0}")
    @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, 101, Integer.MAX_VALUE})
    void limitOutOfRange(int limit) {
        RequestValidationException e = rejected("Limit", "range 1..100",
                () -> ListBackupsRequest.builder().limit(limit).build());
        assertEquals(Integer.toString(limit), e.value());
        rejected("Limit", "range 1..100", () -> new ListTablesRequest(null, limit));
    }

    @Test
    void everyListBackupsMemberIsOptional() {
        ListBackupsRequest request = assertDoesNotThrow(() -> ListBackupsRequest.builder().build());
        assertNull(request.tableName());
        assertNull(request.limit());
        assertNull(request.backupType());
        assertDoesNotThrow(() -> new ListTablesRequest(null, null));
    }

    @Test
    void listBackupsTableNameFollowsTheTableNameRules() {
        rejected("TableName", "length 3..255", () -> ListBackupsRequest.builder().tableName("ab").build());
        rejected("TableName", "pattern [a-zA-Z0-9_.-]+", () -> ListBackupsRequest.builder().tableName("a b").build());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ab", "a b", "arn:aws:dynamodb:us-east-1:123456789012:table/orders"})
    void listTablesExclusiveStartTableNameIsAPlainTableName(String name) {
        RequestValidationException e = assertThrows(RequestValidationException.class,
                () -> new ListTablesRequest(name, null));
        assertEquals("ExclusiveStartTableName", e.field());
    }

    @Test
    void timeRangeLowerBoundBeforeUpperBound() {
        Instant lower = Instant.ofEpochMilli(1795264347487L);
        ListBackupsRequest request = ListBackupsRequest.builder().timeRangeLowerBound(lower)
                .timeRangeUpperBound(lower.plusMillis(1)).build();
        assertEquals(lower, request.timeRangeLowerBound());
        assertDoesNotThrow(() -> ListBackupsRequest.builder().timeRangeLowerBound(lower).build());
        assertDoesNotThrow(() -> ListBackupsRequest.builder().timeRangeUpperBound(lower).build());
    }

    @ParameterizedTest(name = "upper = lower + {0} ms")
    @ValueSource(longs = {0, -1, -86_400_000})
    void timeRangeLowerBoundNotBeforeUpperBound(long offsetMillis) {
        Instant lower = Instant.ofEpochMilli(1795264347487L);
        Instant upper = lower.plusMillis(offsetMillis);

        RequestValidationException e = assertThrows(RequestValidationException.class,
                () -> ListBackupsRequest.builder().timeRangeLowerBound(lower).timeRangeUpperBound(upper).build());

        assertEquals("TimeRangeUpperBound", e.field());
        assertEquals(upper.toString(), e.value());
        assertTrue(e.rule().contains("TimeRangeLowerBound") && e.rule().contains(lower.toString()), e.rule());
    }

    // --- What the exception says

    @Test
    void messageNamesFieldValueAndRule() {
        RequestValidationException e = assertThrows(RequestValidationException.class,
                () -> new CreateBackupRequest(TABLE, "ab"));
        assertEquals("BackupName: \"ab\" violates length 3..255", e.getMessage());
    }

    @Test
    void hugeValueIsShortenedInTheMessageButKeptWhole() {
        String huge = "x".repeat(100_000);

        RequestValidationException e = assertThrows(RequestValidationException.class,
                () -> new CreateBackupRequest(TABLE, huge));

        assertEquals("BackupName: \"" + "x".repeat(64) + "\"... (100000 chars) violates length 3..255",
                e.getMessage());
        assertEquals(huge, e.value());
    }

    @Test
    void controlCharactersAreEscapedInTheMessage() {
        String nasty = "a\u001b[31mred\nfake log line\r\u0000\u007f\u009b\u202e\"\\";

        RequestValidationException e = assertThrows(RequestValidationException.class,
                () -> new CreateBackupRequest(TABLE, nasty));

        assertEquals("BackupName: \"a\\u001b[31mred\\u000afake log line\\u000d\\u0000\\u007f\\u009b\\u202e"
                + "\\u0022\\u005c\" violates pattern [a-zA-Z0-9_.-]+", e.getMessage());
        assertEquals(nasty, e.value());
    }

    @Test
    void shorteningNeverSplitsASurrogatePair() {
        String name = "x".repeat(63) + "\uD83D\uDE00" + "y".repeat(10);

        RequestValidationException e = assertThrows(RequestValidationException.class,
                () -> new CreateBackupRequest(TABLE, name));

        assertTrue(e.getMessage().startsWith("BackupName: \"" + "x".repeat(63) + "\"... (75 chars)"), e.getMessage());
    }
}
