package io.github.ddbbackup.core.internal;

import io.github.ddbbackup.core.error.AccessDeniedException;
import io.github.ddbbackup.core.error.InternalServiceException;
import io.github.ddbbackup.core.error.InvalidParameterException;
import io.github.ddbbackup.core.error.PaginationTokenExpiredException;
import io.github.ddbbackup.core.error.ErrorResponseException;
import io.github.ddbbackup.core.error.BackupInUseException;
import io.github.ddbbackup.core.error.BackupNotFoundException;
import io.github.ddbbackup.core.error.ContinuousBackupsUnavailableException;
import io.github.ddbbackup.core.error.PointInTimeRecoveryUnavailableException;
import io.github.ddbbackup.core.error.ExpiredTokenException;
import io.github.ddbbackup.core.error.IncompleteSignatureException;
import io.github.ddbbackup.core.error.InternalFailureException;
import io.github.ddbbackup.core.error.InternalServerErrorException;
import io.github.ddbbackup.core.error.InvalidClientTokenIdException;
import io.github.ddbbackup.core.error.InvalidEndpointException;
import io.github.ddbbackup.core.error.InvalidSignatureException;
import io.github.ddbbackup.core.error.LimitExceededException;
import io.github.ddbbackup.core.error.MissingAuthenticationTokenException;
import io.github.ddbbackup.core.error.ProvisionedThroughputExceededException;
import io.github.ddbbackup.core.error.RequestExpiredException;
import io.github.ddbbackup.core.error.RequestLimitExceededException;
import io.github.ddbbackup.core.error.ResourceInUseException;
import io.github.ddbbackup.core.error.ResourceNotFoundException;
import io.github.ddbbackup.core.error.SerializationException;
import io.github.ddbbackup.core.error.ServiceUnavailableException;
import io.github.ddbbackup.core.error.TableAlreadyExistsException;
import io.github.ddbbackup.core.error.TableInUseException;
import io.github.ddbbackup.core.error.TableNotFoundException;
import io.github.ddbbackup.core.error.ThrottlingException;
import io.github.ddbbackup.core.error.UnknownOperationException;
import io.github.ddbbackup.core.error.UnrecognizedClientException;
import io.github.ddbbackup.core.error.ValidationException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Error responses to typed exceptions: every code DynamoDB's backup operations and common errors use, from either
 * code source, in every namespace form, with either message spelling, and bodies that are not JSON at all.
 */
class ErrorMapperTest {

    private static final String REQUEST_ID = "KQ0R4F8S9SGJ4C1O2E8G5PRD8FVV4KQNSO5AEMVJF66Q9ASUAAJG";

    /** code, HTTP status DynamoDB sends it with, class, category, retryable, throttling. */
    static Stream<Arguments> codes() {
        return Stream.of(
                // throttling: retryable and throttling
                row("LimitExceededException", 400, LimitExceededException.class, ErrorResponseException.Throttled.class, true, true),
                row("ThrottlingException", 400, ThrottlingException.class, ErrorResponseException.Throttled.class, true, true),
                row("RequestLimitExceeded", 400, RequestLimitExceededException.class, ErrorResponseException.Throttled.class,
                        true, true),
                row("ProvisionedThroughputExceededException", 400, ProvisionedThroughputExceededException.class,
                        ErrorResponseException.Throttled.class, true, true),
                // server side: retryable, not throttling
                row("InternalServerError", 500, InternalServerErrorException.class, ErrorResponseException.ServerError.class,
                        true, false),
                row("InternalFailure", 500, InternalFailureException.class, ErrorResponseException.ServerError.class, true, false),
                row("ServiceUnavailable", 503, ServiceUnavailableException.class, ErrorResponseException.ServerError.class,
                        true, false),
                // not found
                row("TableNotFoundException", 400, TableNotFoundException.class, ErrorResponseException.NotFound.class,
                        false, false),
                row("BackupNotFoundException", 400, BackupNotFoundException.class, ErrorResponseException.NotFound.class,
                        false, false),
                row("ResourceNotFoundException", 400, ResourceNotFoundException.class, ErrorResponseException.NotFound.class,
                        false, false),
                // in use
                row("BackupInUseException", 400, BackupInUseException.class, ErrorResponseException.InUse.class, false, false),
                row("TableInUseException", 400, TableInUseException.class, ErrorResponseException.InUse.class, false, false),
                row("ResourceInUseException", 400, ResourceInUseException.class, ErrorResponseException.InUse.class, false, false),
                row("TableAlreadyExistsException", 400, TableAlreadyExistsException.class, ErrorResponseException.InUse.class,
                        false, false),
                // auth
                row("AccessDeniedException", 400, AccessDeniedException.class, ErrorResponseException.AuthRefused.class, false, false),
                row("IncompleteSignature", 400, IncompleteSignatureException.class, ErrorResponseException.AuthRefused.class,
                        false, false),
                row("InvalidSignatureException", 400, InvalidSignatureException.class, ErrorResponseException.AuthRefused.class,
                        false, false),
                row("MissingAuthenticationToken", 400, MissingAuthenticationTokenException.class,
                        ErrorResponseException.AuthRefused.class, false, false),
                row("UnrecognizedClientException", 400, UnrecognizedClientException.class, ErrorResponseException.AuthRefused.class,
                        false, false),
                row("RequestExpired", 400, RequestExpiredException.class, ErrorResponseException.AuthRefused.class, false, false),
                row("ExpiredTokenException", 400, ExpiredTokenException.class, ErrorResponseException.AuthRefused.class, false, false),
                row("InvalidClientTokenId", 403, InvalidClientTokenIdException.class, ErrorResponseException.AuthRefused.class,
                        false, false),
                // the request itself
                row("ValidationException", 400, ValidationException.class, ErrorResponseException.InvalidRequest.class, false, false),
                row("SerializationException", 400, SerializationException.class, ErrorResponseException.InvalidRequest.class,
                        false, false),
                row("UnknownOperationException", 400, UnknownOperationException.class, ErrorResponseException.InvalidRequest.class,
                        false, false),
                row("ContinuousBackupsUnavailableException", 400, ContinuousBackupsUnavailableException.class,
                        ErrorResponseException.InvalidRequest.class, false, false),
                row("PointInTimeRecoveryUnavailableException", 400, PointInTimeRecoveryUnavailableException.class,
                        ErrorResponseException.InvalidRequest.class, false, false),
                row("InvalidEndpointException", 421, InvalidEndpointException.class,
                        ErrorResponseException.InvalidRequest.class, false, false),
                // the Resource Groups Tagging API's codes
                row("InternalServiceException", 500, InternalServiceException.class,
                        ErrorResponseException.ServerError.class, true, false),
                row("InvalidParameterException", 400, InvalidParameterException.class,
                        ErrorResponseException.InvalidRequest.class, false, false),
                row("PaginationTokenExpiredException", 400, PaginationTokenExpiredException.class,
                        ErrorResponseException.InvalidRequest.class, false, false));
    }

    private static Arguments row(String code, int status, Class<? extends ErrorResponseException> type,
                                 Class<? extends ErrorResponseException> category, boolean retryable, boolean throttling) {
        return Arguments.of(code, status, type, category, retryable, throttling);
    }

    private static byte[] utf8(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] errorBody(String type, String message) {
        return utf8("{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
    }

    private static void assertMapped(ErrorResponseException e, Class<? extends ErrorResponseException> type, String code,
                                     int status, boolean retryable, boolean throttling) {
        assertSame(type, e.getClass(), e::toString);
        assertEquals(code, e.errorCode());
        assertEquals(status, e.httpStatus());
        assertEquals(retryable, e.isRetryable(), () -> code + " retryable");
        assertEquals(throttling, e.isThrottling(), () -> code + " throttling");
    }

    // --- every code, from the body's __type in the namespace DynamoDB uses for it

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("codes")
    void everyCodeMapsToItsClassAndFlags(String code, int status, Class<? extends ErrorResponseException> type,
                                         Class<? extends ErrorResponseException> category, boolean retryable,
                                         boolean throttling) {
        ErrorResponseException e = ErrorMapper.map(status, null, REQUEST_ID,
                errorBody("com.amazonaws.dynamodb.v20120810#" + code, "what went wrong"));

        assertMapped(e, type, code, status, retryable, throttling);
        assertInstanceOf(category, e);
        assertEquals("what went wrong", e.errorMessage());
        assertEquals(REQUEST_ID, e.requestId());
        assertEquals(code + ": what went wrong (HTTP " + status + ", request id " + REQUEST_ID + ")", e.getMessage());
        assertEquals(code, codeConstantOf(type), "the class's CODE constant");
    }

    @ParameterizedTest(name = "{0} from the header")
    @MethodSource("codes")
    void everyCodeMapsFromTheErrorTypeHeader(String code, int status, Class<? extends ErrorResponseException> type,
                                             Class<? extends ErrorResponseException> category, boolean retryable,
                                             boolean throttling) {
        ErrorResponseException e = ErrorMapper.map(status, code + ":http://internal.amazon.com/coral/com.amazon.coral/",
                REQUEST_ID, utf8("{}"));

        assertMapped(e, type, code, status, retryable, throttling);
        assertEquals("", e.errorMessage());
    }

    @Test
    void theTaggingApisThrottledExceptionIsAThrottlingExceptionAndRetried() {
        ErrorResponseException e = ErrorMapper.map(400, null, REQUEST_ID,
                errorBody("ThrottledException", "Rate exceeded"));

        assertInstanceOf(ThrottlingException.class, e);
        assertTrue(e.isRetryable());
        assertTrue(e.isThrottling());
        assertEquals("Rate exceeded", e.errorMessage());
    }

    @Test
    void classificationRulesHoldForTheWholeTable() {
        codes().map(Arguments::get).forEach(row -> {
            @SuppressWarnings("unchecked")
            Class<? extends ErrorResponseException> type = (Class<? extends ErrorResponseException>) row[2];
            boolean retryable = (boolean) row[4];
            boolean throttling = (boolean) row[5];
            assertTrue(!throttling || retryable, "every throttling error is retryable: " + row[0]);
            boolean neverRetryable = ErrorResponseException.InvalidRequest.class.isAssignableFrom(type)
                    || ErrorResponseException.AuthRefused.class.isAssignableFrom(type) || ErrorResponseException.NotFound.class.isAssignableFrom(type)
                    || ErrorResponseException.InUse.class.isAssignableFrom(type);
            assertFalse(neverRetryable && retryable, "validation, auth, not-found, in-use never retry: " + row[0]);
        });
    }

    // --- where the code comes from

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "com.amazonaws.dynamodb.v20120810#ValidationException",
            "com.amazon.coral.validate#ValidationException",
            "com.amazon.coral.service#ValidationException",
            "ValidationException",
            " com.amazonaws.dynamodb.v20120810#ValidationException "})
    void bodyTypeInEveryNamespaceForm(String type) {
        ErrorResponseException e = ErrorMapper.map(400, null, REQUEST_ID, errorBody(type, "1 validation error detected"));

        assertMapped(e, ValidationException.class, "ValidationException", 400, false, false);
        assertEquals("1 validation error detected", e.errorMessage());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "ThrottlingException",
            "ThrottlingException:http://internal.amazon.com/coral/com.amazon.coral.availability/",
            "com.amazon.coral.availability#ThrottlingException",
            "com.amazon.coral.availability#ThrottlingException:http://internal.amazon.com/coral/"})
    void headerInEveryForm(String header) {
        ErrorResponseException e = ErrorMapper.map(400, header, REQUEST_ID, utf8(""));

        assertMapped(e, ThrottlingException.class, "ThrottlingException", 400, true, true);
    }

    @Test
    void headerTakesPrecedenceOverTheBody() {
        ErrorResponseException e = ErrorMapper.map(400, "TableNotFoundException:http://internal.amazon.com/",
                REQUEST_ID, errorBody("com.amazonaws.dynamodb.v20120810#ValidationException", "from the body"));

        assertMapped(e, TableNotFoundException.class, "TableNotFoundException", 400, false, false);
        assertEquals("from the body", e.errorMessage(), "the message still comes from the body");
    }

    @ParameterizedTest(name = "header \"{0}\"")
    @ValueSource(strings = {"", "  ", ":http://internal.amazon.com/", "com.amazon.coral#"})
    void blankHeaderFallsBackToTheBody(String header) {
        ErrorResponseException e = ErrorMapper.map(400, header, REQUEST_ID,
                errorBody("com.amazonaws.dynamodb.v20120810#BackupNotFoundException", "no such backup"));

        assertMapped(e, BackupNotFoundException.class, "BackupNotFoundException", 400, false, false);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "NULL", value = {
            "com.amazonaws.dynamodb.v20120810#TableNotFoundException, TableNotFoundException",
            "TableNotFoundException:http://internal.amazon.com/coral/, TableNotFoundException",
            "a#b#TableNotFoundException, TableNotFoundException",
            "TableNotFoundException, TableNotFoundException",
            "'', NULL",
            "'#', NULL",
            "NULL, NULL"})
    void codeOfCutsAtTheColonThenAfterTheHash(String errorType, String code) {
        assertEquals(code, ErrorMapper.codeOf(errorType));
    }

    // --- the message

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            lower case          | {"__type":"com.amazonaws.dynamodb.v20120810#TableInUseException","message":"Table is being created"}
            upper case          | {"__type":"com.amazonaws.dynamodb.v20120810#TableInUseException","Message":"Table is being created"}
            both, lower wins    | {"__type":"com.amazonaws.dynamodb.v20120810#TableInUseException","message":"Table is being created","Message":"other"}
            before the type     | {"Message":"Table is being created","__type":"TableInUseException"}
            """)
    void messageInEitherSpelling(String what, String body) {
        ErrorResponseException e = ErrorMapper.map(400, null, REQUEST_ID, utf8(body));

        assertMapped(e, TableInUseException.class, "TableInUseException", 400, false, false);
        assertEquals("Table is being created", e.errorMessage());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{\"__type\":\"com.amazonaws.dynamodb.v20120810#BackupInUseException\"}",
            "{\"__type\":\"com.amazonaws.dynamodb.v20120810#BackupInUseException\",\"message\":\"\"}",
            "{\"__type\":\"com.amazonaws.dynamodb.v20120810#BackupInUseException\",\"message\":null}",
            "{\"__type\":\"com.amazonaws.dynamodb.v20120810#BackupInUseException\",\"Message\":42}"})
    void emptyOrAbsentMessage(String body) {
        ErrorResponseException e = ErrorMapper.map(400, null, REQUEST_ID, utf8(body));

        assertMapped(e, BackupInUseException.class, "BackupInUseException", 400, false, false);
        assertEquals("", e.errorMessage());
        assertEquals("BackupInUseException (HTTP 400, request id " + REQUEST_ID + ")", e.getMessage());
    }

    @Test
    void absentRequestIdIsNull() {
        ErrorResponseException e = ErrorMapper.map(400, "ValidationException", null, utf8("{}"));

        assertNull(e.requestId());
        assertEquals("ValidationException (HTTP 400)", e.getMessage());
    }

    // --- codes this library does not know

    @ParameterizedTest(name = "{0} with HTTP {1}")
    @CsvSource({
            "com.amazonaws.dynamodb.v20120810#ReplicaNotFoundException, 400, false, false",
            "ImportConflictException,                                   400, false, false",
            "com.amazon.coral.service#BrandNewServerProblem,            500, true,  false",
            "SomethingUnavailable,                                      503, true,  false",
            "com.amazon.coral.availability#SlowDownPlease,              429, true,  true"})
    void unknownCodeIsTheCategoryOfItsStatusWithTheCodeKept(String type, int status, boolean retryable,
                                                            boolean throttling) {
        ErrorResponseException e = ErrorMapper.map(status, null, REQUEST_ID, errorBody(type, "new in 2027"));

        String code = type.substring(type.indexOf('#') + 1);
        assertMapped(e, categoryOfStatus(status), code, status, retryable, throttling);
        assertEquals("new in 2027", e.errorMessage());
        assertEquals(REQUEST_ID, e.requestId());
        assertEquals(code + ": new in 2027 (HTTP " + status + ", request id " + REQUEST_ID + ")", e.getMessage());
    }

    @ParameterizedTest(name = "HTTP {0}")
    @CsvSource({"400, false, false", "404, false, false", "429, true, true", "500, true, false", "502, true, false",
            "503, true, false", "504, true, false"})
    void jsonWithoutACodeIsClassifiedByStatusAndHasNoCode(int status, boolean retryable, boolean throttling) {
        ErrorResponseException e = ErrorMapper.map(status, null, REQUEST_ID, utf8("{\"message\":\"no type given\"}"));

        assertMapped(e, categoryOfStatus(status), null, status, retryable, throttling);
        assertEquals("no type given", e.errorMessage());
        assertEquals("error response without an error code: no type given (HTTP " + status + ", request id "
                + REQUEST_ID + ")", e.getMessage());
    }

    /** Where a response without a known code goes: the category its status points to. */
    private static Class<? extends ErrorResponseException> categoryOfStatus(int status) {
        return status == 429 ? ErrorResponseException.Throttled.class
                : status >= 500 ? ErrorResponseException.ServerError.class
                : ErrorResponseException.InvalidRequest.class;
    }

    // --- bodies that are not JSON

    @ParameterizedTest(name = "HTTP {0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            502 | <html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>
            503 | Service Unavailable
            504 | {"__type":"com.amazonaws.dynamodb.v20120810#ThrottlingException","mess
            400 | {"__type":
            413 | []
            400 | "just a string"
            """)
    void bodyThatIsNotAJsonObjectKeepsStatusAndBodyAndHasNoCode(int status, String body) {
        ErrorResponseException e = ErrorMapper.map(status, null, REQUEST_ID, utf8(body));

        assertSame(categoryOfStatus(status), e.getClass());
        assertEquals(status, e.httpStatus());
        assertNull(e.errorCode(), "the response named no code, and none is made up");
        assertEquals(status >= 500, e.isRetryable());
        assertFalse(e.isThrottling());
        assertEquals("error response is not JSON: " + body, e.errorMessage());
        assertEquals(REQUEST_ID, e.requestId());
    }

    @ParameterizedTest(name = "[{index}] HTTP {1}")
    @CsvSource(nullValues = "NULL", value = {"'', 500", "NULL, 503"})
    void emptyBody(String body, int status) {
        ErrorResponseException e = ErrorMapper.map(status, null, REQUEST_ID, body == null ? null : utf8(body));

        assertEquals("error response is not JSON: <empty body>", e.errorMessage());
        assertEquals(status, e.httpStatus());
        assertTrue(e.isRetryable());
    }

    @Test
    void longHtmlPageIsCutToItsFirst200Characters() {
        String page = "<!DOCTYPE html><html><body>" + "Proxy error: upstream timed out. ".repeat(40) + "</body></html>";

        ErrorResponseException e = ErrorMapper.map(502, null, REQUEST_ID, utf8(page));

        assertEquals("error response is not JSON: " + page.substring(0, 200), e.errorMessage());
        assertEquals(502, e.httpStatus());
        assertTrue(e.isRetryable());
    }

    @Test
    void hugeServerMessageIsCutToItsFirstKibibyteAndMarkedAsCut() {
        String message = "throttled ".repeat(30_000);
        String body = "{\"__type\":\"com.amazonaws.dynamodb.v20120810#LimitExceededException\",\"message\":\""
                + message + "\"}";

        ErrorResponseException e = ErrorMapper.map(400, null, REQUEST_ID, utf8(body));

        assertEquals(message.substring(0, 1024) + "... [cut: 300000 characters in all]", e.errorMessage());
        assertInstanceOf(LimitExceededException.class, e);
    }

    @Test
    void messageOfExactlyTheCapIsKeptWhole() {
        String message = "m".repeat(ErrorMapper.MESSAGE_MAX_CHARS);

        ErrorResponseException e = ErrorMapper.map(400, "ValidationException", REQUEST_ID,
                utf8("{\"message\":\"" + message + "\"}"));

        assertEquals(message, e.errorMessage());
    }

    @Test
    void cutMessageNeverEndsInHalfAnEmoji() {
        String message = "x" + "\uD83D\uDE00".repeat(600);

        ErrorResponseException e = ErrorMapper.map(400, "ValidationException", REQUEST_ID,
                utf8("{\"message\":\"" + message + "\"}"));

        assertTrue(e.errorMessage().startsWith("x" + "\uD83D\uDE00".repeat(511) + "... [cut: "), e.errorMessage());
    }

    @Test
    void excerptCountsCharactersNotBytes() {
        String body = "é".repeat(300);

        assertEquals("é".repeat(200), ErrorMapper.excerpt(utf8(body)));
    }

    @Test
    void excerptNeverEndsInHalfAnEmoji() {
        String body = "x" + "\uD83D\uDE00".repeat(150);

        String excerpt = ErrorMapper.excerpt(utf8(body));

        assertEquals("x" + "\uD83D\uDE00".repeat(99), excerpt);
    }

    @Test
    void codeFromTheHeaderWithABodyThatIsNotJson() {
        ErrorResponseException e = ErrorMapper.map(503, "ServiceUnavailable", REQUEST_ID,
                utf8("<html>Service Unavailable</html>"));

        assertMapped(e, ServiceUnavailableException.class, "ServiceUnavailable", 503, true, false);
        assertEquals("error response is not JSON: <html>Service Unavailable</html>", e.errorMessage());
    }

    @Test
    void invalidEndpointComesWithHttp421() {
        ErrorResponseException e = ErrorMapper.map(421, null, REQUEST_ID,
                errorBody("com.amazonaws.dynamodb.v20120810#InvalidEndpointException", "Operation not allowed"));

        assertMapped(e, InvalidEndpointException.class, "InvalidEndpointException", 421, false, false);
    }

    // --- what DynamoDB Local sends

    @Test
    void dynamoDbLocalStyleErrorWithoutANamespace() {
        ErrorResponseException e = ErrorMapper.map(400, null, null,
                utf8("{\"__type\":\"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException\","
                        + "\"Message\":\"Cannot do operations on a non-existent table\"}"));
        ErrorResponseException local = ErrorMapper.map(400, null, null,
                utf8("{\"__type\":\"ResourceNotFoundException\","
                        + "\"Message\":\"Cannot do operations on a non-existent table\"}"));

        assertMapped(local, ResourceNotFoundException.class, "ResourceNotFoundException", 400, false, false);
        assertEquals(e.getMessage(), local.getMessage());
    }

    private static String codeConstantOf(Class<?> type) {
        try {
            return (String) type.getField("CODE").get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(type + " has no CODE constant", e);
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
            "MissingAuthenticationTokenException, io.github.ddbbackup.core.error.MissingAuthenticationTokenException",
            "IncompleteSignatureException, io.github.ddbbackup.core.error.IncompleteSignatureException"})
    void authCodesWithTheExceptionSuffixDynamoDbSendsMapToTheirTypes(String code, String typeName) throws Exception {
        ErrorResponseException e = ErrorMapper.map(400, null, "rid",
                ("{\"__type\":\"com.amazon.coral.service#" + code + "\",\"message\":\"no\"}")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(Class.forName(typeName), e.getClass());
        assertEquals(false, e.isRetryable());
    }
}
