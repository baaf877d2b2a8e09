package io.github.ddbbackup.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.core.internal.JsonProtocol;
import io.github.ddbbackup.core.Operation;
import io.github.ddbbackup.core.internal.WireCodec;
import io.github.ddbbackup.core.error.ChecksumMismatchException;
import io.github.ddbbackup.core.error.ErrorResponseException;
import io.github.ddbbackup.core.internal.ErrorMapper;
import io.github.ddbbackup.core.error.InternalServerErrorException;
import io.github.ddbbackup.core.error.MalformedResponseException;
import io.github.ddbbackup.core.error.ThrottlingException;
import io.github.ddbbackup.emulator.RawHttp.Response;
import io.github.ddbbackup.emulator.RawHttp.Signing;
import io.netty.buffer.Unpooled;
import io.netty.handler.timeout.ReadTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.PrematureCloseException;

/** Each fault kind does what it says, seen on the wire and in the emulator's state. */
class FaultInjectionTest {

    private static final String CREATE_ORDERS_BACKUP = "{\"TableName\":\"orders\",\"BackupName\":\"orders-1\"}";

    @RegisterExtension
    final DynamoDbEmulatorExtension dynamoDb = new DynamoDbEmulatorExtension(
            settings -> settings.rateLimits(EmulatorRateLimits.NONE));
    private DynamoDbEmulator emulator;
    private URI endpoint;

    @BeforeEach
    void start() {
        emulator = dynamoDb.emulator();
        endpoint = dynamoDb.endpoint();
        emulator.createTable("orders");
    }

    private Mono<Response> createBackup(Duration responseTimeout) {
        byte[] body = CREATE_ORDERS_BACKUP.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = RawHttp.signedHeaders(endpoint, "CreateBackup", body, Signing.as(emulator));
        return RawHttp.exchange(endpoint, "POST", headers, body, responseTimeout);
    }

    private Response createBackup() {
        return createBackup(RawHttp.TIMEOUT).block(RawHttp.TIMEOUT);
    }

    private Throwable failureOf(Mono<Response> exchange) {
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> exchange.block(RawHttp.TIMEOUT));
        return Exceptions.unwrap(thrown);
    }

    private static ErrorResponseException mapped(Response response) {
        return ErrorMapper.map(response.status(), null, response.header(JsonProtocol.HEADER_REQUEST_ID),
                response.body());
    }

    private int backups() {
        return emulator.stats().backupCount("orders");
    }

    @Test
    void aScriptIsConsumedOneFaultPerCallThenServiceIsNormal() {
        emulator.faults().script("CreateBackup", Fault.error(500, "InternalServerError"), Fault.none(),
                Fault.error(400, "ThrottlingException"));
        assertEquals(3, emulator.faults().remaining("CreateBackup"));
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(createBackup().status());
        }
        assertEquals(List.of(500, 200, 400, 200), statuses);
        assertEquals(0, emulator.faults().remaining("CreateBackup"));
        assertEquals(2, backups());
        assertEquals(List.of("error(500, InternalServerError)", "none", "error(400, ThrottlingException)", "none"),
                emulator.stats().requests("CreateBackup").stream().map(r -> r.fault().toString()).toList());
    }

    @Test
    void anErrorFaultAnswersInPlaceOfTheOperationWithDynamoDbsNamespace() {
        emulator.faults().script("CreateBackup", Fault.error(500, "InternalServerError", "boom"),
                Fault.error(400, "ThrottlingException", "Rate of requests exceeds the allowed throughput."));
        Response internal = createBackup();
        assertEquals(500, internal.status());
        assertEquals("{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\",\"message\":\"boom\"}",
                internal.text());
        assertEquals(Long.toString(JsonProtocol.crc32(internal.body())), internal.header(JsonProtocol.HEADER_CRC32));
        assertInstanceOf(InternalServerErrorException.class, mapped(internal));

        Response throttled = createBackup();
        assertTrue(throttled.text().startsWith("{\"__type\":\"com.amazon.coral.availability#ThrottlingException\""),
                throttled.text());
        assertInstanceOf(ThrottlingException.class, mapped(throttled));
        assertEquals(0, backups());
        assertEquals(0, emulator.stats().callCount("CreateBackup"));
    }

    @Test
    void latencyHoldsTheResponseWithATimerAfterTheOperationRan() {
        emulator.faults().script("CreateBackup", Fault.latency(Duration.ofMinutes(10)),
                Fault.latency(Duration.ofMinutes(10)), Fault.latency(Duration.ofMinutes(10)),
                Fault.latency(Duration.ofMillis(20)));
        // Three responses held for ten minutes do not hold the event loops: a fourth call is still served.
        List<Throwable> timeouts = Flux.range(0, 3)
                .flatMap(i -> createBackup(Duration.ofMillis(500)).then(Mono.<Throwable>empty())
                        .onErrorResume(error -> Mono.just(error)))
                .collectList()
                .block(RawHttp.TIMEOUT);
        assertEquals(3, timeouts.size());
        timeouts.forEach(timeout -> assertInstanceOf(ReadTimeoutException.class, timeout));
        assertEquals(3, backups(), "the operations ran though no answer came");

        Response delayed = createBackup();
        assertEquals(200, delayed.status());
        assertEquals(4, backups());
        assertEquals(Fault.latency(Duration.ofMillis(20)), emulator.stats().requests().get(3).fault());
    }

    @Test
    void closeBeforeOperationClosesTheConnectionAndChangesNothing() {
        emulator.faults().script("CreateBackup", Fault.closeBeforeOperation());
        assertInstanceOf(PrematureCloseException.class, failureOf(createBackup(RawHttp.TIMEOUT)));
        assertEquals(0, backups());
        assertEquals(0, emulator.stats().callCount("CreateBackup"));
        assertEquals(0, emulator.stats().requests().get(0).status());
    }

    @Test
    void closeAfterOperationClosesTheConnectionButTheBackupExists() {
        emulator.faults().script("CreateBackup", Fault.closeAfterOperation());
        assertInstanceOf(PrematureCloseException.class, failureOf(createBackup(RawHttp.TIMEOUT)));
        assertEquals(1, backups());
        assertEquals(1, emulator.stats().callCount("CreateBackup"));
    }

    @Test
    void aTruncatedBodyIsAComplete200WhoseJsonIsCut() {
        emulator.faults().script("CreateBackup", Fault.truncatedBody());
        Response response = createBackup();
        assertEquals(200, response.status());
        assertEquals(Long.toString(JsonProtocol.crc32(response.body())), response.header(JsonProtocol.HEADER_CRC32));
        assertEquals(Integer.toString(response.body().length), response.header("Content-Length"));
        assertTrue(response.text().startsWith("{\"BackupDetails\":{"), response.text());
        assertThrows(MalformedResponseException.class, () -> WireCodec.shared()
                .decodeResponse(Operation.CREATE_BACKUP, response.body(), 200, "id"));
        assertEquals(1, backups());
    }

    @Test
    void aBodyCutShortAnnouncesMoreThanItSendsThenCloses() {
        emulator.faults().script("CreateBackup", Fault.bodyCutShort());
        Throwable failure = failureOf(createBackup(RawHttp.TIMEOUT));
        assertInstanceOf(PrematureCloseException.class, failure);
        assertEquals(1, backups());
    }

    @Test
    void htmlServiceUnavailableIsA503WithAnHtmlBody() {
        emulator.faults().script("CreateBackup", Fault.htmlServiceUnavailable());
        Response response = createBackup();
        assertEquals(503, response.status());
        assertEquals("text/html", response.header("Content-Type"));
        assertEquals(Fault.SERVICE_UNAVAILABLE_HTML, response.text());
        ErrorResponseException mapped = mapped(response);
        assertInstanceOf(ErrorResponseException.ServerError.class, mapped);
        assertNull(mapped.errorCode(), "an HTML page names no error code");
        assertTrue(mapped.isRetryable());
        assertEquals(0, backups());
    }

    @Test
    void wrongCrc32IsOneMoreThanTheBodysChecksum() {
        emulator.faults().script("CreateBackup", Fault.wrongCrc32());
        Response response = createBackup();
        assertEquals(200, response.status());
        long actual = JsonProtocol.crc32(response.body());
        assertEquals(Long.toString((actual + 1) & 0xFFFF_FFFFL), response.header(JsonProtocol.HEADER_CRC32));
        assertThrows(ChecksumMismatchException.class, () -> JsonProtocol.verifyCrc32(
                response.header(JsonProtocol.HEADER_CRC32), response.body(), 200, "id"));
        assertEquals(1, backups());
    }

    @Test
    void anEmptyPageContinuesFromWhereTheRequestStarted() {
        emulator.createTables("t-", 3);
        emulator.faults().script("ListTables", Fault.emptyPage(), Fault.emptyPage());
        Response first = RawHttp.post(endpoint, "ListTables", "{\"Limit\":2}", Signing.as(emulator));
        assertEquals("{\"TableNames\":[\"orders\",\"t-0\"],\"LastEvaluatedTableName\":\"t-0\"}", first.text(),
                "a first page has no start to continue from: served normally");
        Response empty = RawHttp.post(endpoint, "ListTables", "{\"Limit\":2,\"ExclusiveStartTableName\":\"t-0\"}",
                Signing.as(emulator));
        assertEquals("{\"TableNames\":[],\"LastEvaluatedTableName\":\"t-0\"}", empty.text());
        assertEquals(Long.toString(JsonProtocol.crc32(empty.body())), empty.header(JsonProtocol.HEADER_CRC32));
        Response next = RawHttp.post(endpoint, "ListTables", "{\"Limit\":2,\"ExclusiveStartTableName\":\"t-0\"}",
                Signing.as(emulator));
        assertEquals("{\"TableNames\":[\"t-1\",\"t-2\"]}", next.text());

        createBackup();
        emulator.faults().script("ListBackups", Fault.emptyPage());
        String arn = emulator.stats().backupsByTable().get("orders").get(0).backupArn();
        Response emptyBackups = RawHttp.post(endpoint, "ListBackups",
                "{\"ExclusiveStartBackupArn\":\"" + arn + "\"}", Signing.as(emulator));
        assertEquals("{\"BackupSummaries\":[],\"LastEvaluatedBackupArn\":\"" + arn + "\"}", emptyBackups.text());
    }

    @Test
    void aDribbledBodyArrivesInPiecesOnATimerWhileOtherCallsAreServed() {
        emulator.faults().script("CreateBackup", Fault.dribbledBody(Duration.ofMillis(20), 8));
        byte[] body = CREATE_ORDERS_BACKUP.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = RawHttp.signedHeaders(endpoint, "CreateBackup", body, Signing.as(emulator));
        Mono<List<byte[]>> pieces = HttpClient.newConnection().disableRetry(true)
                .headers(h -> headers.forEach(h::set))
                .post().uri(endpoint.resolve("/"))
                .send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body)))
                .response((response, content) -> content.asByteArray())
                .collectList();
        Mono<Response> meanwhile = Mono.fromCallable(() -> RawHttp.post(endpoint, "ListTables", "{}",
                Signing.as(emulator))).subscribeOn(Schedulers.boundedElastic());
        List<byte[]> received = pieces.zipWith(meanwhile, (dribbled, other) -> {
            assertEquals(200, other.status());
            return dribbled;
        }).block(RawHttp.TIMEOUT);
        assertTrue(received.size() > 1, "pieces: " + received.size());
        String whole = received.stream().map(piece -> new String(piece, StandardCharsets.UTF_8))
                .reduce("", String::concat);
        assertTrue(whole.startsWith("{\"BackupDetails\":{") && whole.endsWith("}}"), whole);
        assertEquals(1, backups());
    }

    @Test
    void anOversizeBodyIsValidJsonPaddedToTheRequestedSize() {
        emulator.faults().script("CreateBackup", Fault.oversizeBody(2 * 1024 * 1024));
        Response response = createBackup();
        assertEquals(200, response.status());
        assertEquals(2 * 1024 * 1024, response.body().length);
        assertEquals(Integer.toString(2 * 1024 * 1024), response.header("Content-Length"));
        assertEquals(Long.toString(JsonProtocol.crc32(response.body())), response.header(JsonProtocol.HEADER_CRC32));
        assertEquals("orders-1", WireCodec.shared().decodeResponse(Operation.CREATE_BACKUP, response.body(), 200,
                "id").backupDetails().backupName());
    }

    @Test
    void aCloseDelimitedBodyIsHttp10WithoutContentLength() throws Exception {
        emulator.faults().script("CreateBackup", Fault.closeDelimitedBody());
        byte[] body = CREATE_ORDERS_BACKUP.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = RawHttp.signedHeaders(endpoint, "CreateBackup", body, Signing.as(emulator));
        String raw = RawSocket.exchange(endpoint, headers, body);
        assertTrue(raw.startsWith("HTTP/1.0 200 OK\r\n"), raw);
        String head = raw.substring(0, raw.indexOf("\r\n\r\n")).toLowerCase(Locale.ROOT);
        assertTrue(!head.contains("content-length"), head);
        assertTrue(head.contains("x-amz-crc32"), head);
        assertTrue(raw.endsWith("}}"), raw);
        assertEquals(1, backups());
    }

    @Test
    void okWithErrorBodyIsA200CarryingAnErrorInPlaceOfTheOperation() {
        emulator.faults().script("CreateBackup", Fault.okWithErrorBody("InternalServerError", "Internal error"));
        Response response = createBackup();
        assertEquals(200, response.status());
        assertEquals("{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\","
                + "\"message\":\"Internal error\"}", response.text());
        assertEquals(Long.toString(JsonProtocol.crc32(response.body())), response.header(JsonProtocol.HEADER_CRC32));
        assertThrows(MalformedResponseException.class, () -> WireCodec.shared()
                .decodeResponse(Operation.CREATE_BACKUP, response.body(), 200, "id"));
        assertEquals(0, backups());
    }

    @Test
    void seededProbabilitiesGiveTheSameFaultsForTheSameSeed() {
        Map<Fault, Double> probabilities = Map.of(Fault.error(500, "InternalServerError"), 0.2,
                Fault.closeAfterOperation(), 0.1);
        List<Fault> first = draws(probabilities, 42);
        List<Fault> second = draws(probabilities, 42);
        assertEquals(first, second);
        assertNotEquals(first, draws(probabilities, 43));
        long errors = first.stream().filter(Fault.error(500, "InternalServerError")::equals).count();
        long closes = first.stream().filter(Fault.closeAfterOperation()::equals).count();
        assertTrue(errors > 60 && errors < 140, "errors " + errors);
        assertTrue(closes > 20 && closes < 80, "closes " + closes);
    }

    private static List<Fault> draws(Map<Fault, Double> probabilities, long seed) {
        FaultInjector injector = new FaultInjector(Set.of("CreateBackup"));
        injector.random("CreateBackup", seed, probabilities);
        List<Fault> faults = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            faults.add(injector.next("CreateBackup"));
        }
        return faults;
    }

    @Test
    void aPlanForAnyOperationAppliesWhereNoOwnPlanExists() {
        emulator.faults().random(FaultInjector.ANY_OPERATION, 7, Map.of(Fault.error(503, "ServiceUnavailable"), 1.0));
        emulator.faults().script("CreateBackup", Fault.none());
        assertEquals(503, RawHttp.post(endpoint, "ListTables", "{}", Signing.as(emulator)).status());
        assertEquals(200, createBackup().status());
        emulator.faults().clearAll();
        assertEquals(200, RawHttp.post(endpoint, "ListTables", "{}", Signing.as(emulator)).status());
    }

    @Test
    void plansAreValidated() {
        FaultInjector faults = emulator.faults();
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class,
                () -> faults.script("CreateBakup", Fault.none()));
        assertTrue(typo.getMessage().contains("CreateBakup"), typo.getMessage());
        assertThrows(IllegalArgumentException.class, () -> faults.random("CreateBackup", 1,
                Map.of(Fault.closeAfterOperation(), 0.7, Fault.closeBeforeOperation(), 0.4)));
        assertThrows(IllegalArgumentException.class, () -> Fault.error(200, "Fine"));
        assertThrows(IllegalArgumentException.class, () -> Fault.latency(Duration.ofSeconds(-1)));
        assertEquals(Fault.error(500, "InternalServerError"), Fault.error(500, "InternalServerError", "other"));
    }
}
