package io.github.ddbbackup.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.core.internal.JsonProtocol;
import io.github.ddbbackup.core.error.BackupNotFoundException;
import io.github.ddbbackup.core.error.ErrorResponseException;
import io.github.ddbbackup.core.internal.ErrorMapper;
import io.github.ddbbackup.core.error.LimitExceededException;
import io.github.ddbbackup.core.error.SerializationException;
import io.github.ddbbackup.core.error.TableNotFoundException;
import io.github.ddbbackup.core.error.UnknownOperationException;
import io.github.ddbbackup.core.error.ValidationException;
import io.github.ddbbackup.emulator.RawHttp.Response;
import io.github.ddbbackup.emulator.RawHttp.Signing;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The JSON 1.0 protocol as DynamoDB speaks it: headers on every response, the 404 page for anything but
 * {@code POST /} with {@code application/x-amz-json-1.0}, error bodies with DynamoDB's namespaces, and error
 * responses that core's {@link ErrorMapper} maps to the right types.
 */
class ProtocolTest {

    @RegisterExtension
    final DynamoDbEmulatorExtension dynamoDb = new DynamoDbEmulatorExtension(
            settings -> settings.rateLimits(EmulatorRateLimits.DEFAULT.with("ListBackups", 1)));
    private DynamoDbEmulator emulator;
    private URI endpoint;

    @BeforeEach
    void start() {
        emulator = dynamoDb.emulator();
        endpoint = dynamoDb.endpoint();
        emulator.createTable("orders");
    }

    private Response call(String operation, String body) {
        return RawHttp.post(endpoint, operation, body, Signing.as(emulator));
    }

    private static void assertDynamoDbHeaders(Response response, String contentType) {
        assertEquals(contentType, response.header("Content-Type"));
        assertTrue(response.header(JsonProtocol.HEADER_REQUEST_ID).matches("[A-Z0-9]{52}"),
                response.header(JsonProtocol.HEADER_REQUEST_ID));
        assertEquals(Long.toString(JsonProtocol.crc32(response.body())), response.header(JsonProtocol.HEADER_CRC32));
        assertEquals(Integer.toString(response.body().length), response.header("Content-Length"));
    }

    private static ErrorResponseException mapped(Response response) {
        return ErrorMapper.map(response.status(), response.header(JsonProtocol.HEADER_ERROR_TYPE),
                response.header(JsonProtocol.HEADER_REQUEST_ID), response.body());
    }

    @Test
    void successesAndErrorsCarryRequestIdChecksumAndContentType() {
        Response success = call("CreateBackup", "{\"TableName\":\"orders\",\"BackupName\":\"orders-1\"}");
        assertEquals(200, success.status(), success.text());
        assertDynamoDbHeaders(success, JsonProtocol.CONTENT_TYPE);

        Response error = call("CreateBackup", "{\"TableName\":\"missing\",\"BackupName\":\"orders-1\"}");
        assertEquals(400, error.status());
        assertDynamoDbHeaders(error, JsonProtocol.CONTENT_TYPE);
        assertEquals("{\"__type\":\"com.amazonaws.dynamodb.v20120810#TableNotFoundException\","
                + "\"message\":\"Table not found: missing\"}", error.text());
        TableNotFoundException exception = assertInstanceOf(TableNotFoundException.class, mapped(error));
        assertEquals(error.header(JsonProtocol.HEADER_REQUEST_ID), exception.requestId());
    }

    @Test
    void errorsUseDynamoDbsNamespacesAndMapToCoresTypes() {
        Response validation = call("CreateBackup", "{\"TableName\":\"orders\",\"BackupName\":\"a\"}");
        assertTrue(validation.text().startsWith("{\"__type\":\"com.amazon.coral.validate#ValidationException\","),
                validation.text());
        assertEquals("BackupName: \"a\" violates length 3..255",
                assertInstanceOf(ValidationException.class, mapped(validation)).errorMessage());

        Response serialization = call("ListTables", "{not json");
        assertEquals(400, serialization.status());
        assertTrue(serialization.text().startsWith("{\"__type\":\"com.amazon.coral.service#SerializationException\""),
                serialization.text());
        assertInstanceOf(SerializationException.class, mapped(serialization));

        Response wrongShape = call("ListTables", "[1,2]");
        assertInstanceOf(SerializationException.class, mapped(wrongShape));

        Response unknown = call("RestoreTableToPointInTime", "{}");
        assertTrue(unknown.text().startsWith("{\"__type\":\"com.amazon.coral.service#UnknownOperationException\""),
                unknown.text());
        assertInstanceOf(UnknownOperationException.class, mapped(unknown));

        Response backupNotFound = call("DescribeBackup", "{\"BackupArn\":\"" + emulator.tableArn("orders")
                + "/backup/01700000000000-0123abcd\"}");
        assertInstanceOf(BackupNotFoundException.class, mapped(backupNotFound));

        Response malformedArn = call("DescribeBackup", "{\"BackupArn\":\"" + "x".repeat(40) + "\"}");
        assertInstanceOf(ValidationException.class, mapped(malformedArn));

        call("ListBackups", "{}");
        Response limited = call("ListBackups", "{}");
        assertTrue(limited.text().startsWith(
                "{\"__type\":\"com.amazonaws.dynamodb.v20120810#LimitExceededException\""), limited.text());
        assertInstanceOf(LimitExceededException.class, mapped(limited));
    }

    @Test
    void aMissingTargetIsAnUnknownOperation() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = RawHttp.signedHeaders(endpoint, null, body, Signing.as(emulator));
        Response response = RawHttp.post(endpoint, headers, body);
        assertEquals(400, response.status());
        assertInstanceOf(UnknownOperationException.class, mapped(response));
        assertEquals("", emulator.stats().requests().get(0).operation());
    }

    @Test
    void anyOtherContentTypeMethodOrPathGetsDynamoDbsNotFoundPage() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        for (String contentType : new String[] {"application/x-amz-json-1.1", "application/json", "text/plain"}) {
            Map<String, String> headers = RawHttp.signedHeaders(endpoint, "ListTables", body, Signing.as(emulator));
            headers.put("Content-Type", contentType);
            Response response = RawHttp.post(endpoint, headers, body);
            assertEquals(404, response.status(), contentType);
            assertDynamoDbHeaders(response, "text/html");
            assertTrue(response.text().contains("Page Not Found"), response.text());
        }
        Map<String, String> withCharset = RawHttp.signedHeaders(endpoint, "ListTables", body, Signing.as(emulator),
                Map.of("Content-Type", JsonProtocol.CONTENT_TYPE + "; charset=UTF-8"));
        assertEquals(200, RawHttp.post(endpoint, withCharset, body).status());
        assertEquals(1, emulator.stats().callCount("ListTables"));
        assertEquals(4, emulator.stats().requestCount("ListTables"));
    }

    @Test
    void getSlashIsAHealthCheck() {
        Response response = RawHttp.get(endpoint);
        assertEquals(200, response.status());
        assertEquals("healthy: dynamodb.us-east-1.amazonaws.com ", response.text());
        assertDynamoDbHeaders(response, "text/plain");
    }

    @Test
    void requestsAreRecordedWithTheirOutcome() {
        call("CreateBackup", "{\"TableName\":\"missing\",\"BackupName\":\"orders-1\"}");
        call("ListTables", "{}");
        ReceivedRequest first = emulator.stats().requests().get(0);
        assertEquals("CreateBackup", first.operation());
        assertEquals(400, first.status());
        assertEquals("TableNotFoundException", first.errorCode().orElseThrow());
        assertEquals(Fault.none(), first.fault());
        assertEquals("DynamoDB_20120810.CreateBackup", first.header("x-amz-target").orElseThrow());
        ReceivedRequest second = emulator.stats().requests().get(1);
        assertEquals(200, second.status());
        assertTrue(second.errorCode().isEmpty());
        assertEquals(1, emulator.stats().requests("ListTables").size());
    }
}
