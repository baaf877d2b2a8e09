package io.github.ddbbackup.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.core.Operation;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** The scripted transport checks each request as it arrives, and fails the test for one it did not expect. */
class ScriptedExchangeTest {

    static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void anExpectedRequestIsAnsweredAsScripted() {
        ScriptedExchange server = new ScriptedExchange();
        server.expect(Operation.DESCRIBE_BACKUP, request -> assertEquals(ScriptedClientTest.ARN, request.backupArn()))
                .thenRespond(200, ScriptedClientTest.describe("AVAILABLE"));
        ScriptedClients.builder(server).build().describeBackup(ScriptedClientTest.ARN).block(WAIT);
        server.afterEach(null);
        assertEquals(1, server.sent().size());
    }

    @Test
    void anotherOperationFailsTheCallAtOnceAndTheTestAfterwards() {
        ScriptedExchange server = new ScriptedExchange();
        server.expect(Operation.CREATE_BACKUP).thenRespond(200, ScriptedClientTest.CREATED);
        Throwable failure = ScriptedClients.builder(server).build().describeBackup(ScriptedClientTest.ARN)
                .then(Mono.<Throwable>empty()).onErrorResume(Mono::just).block(WAIT);
        AssertionError mismatch = assertInstanceOf(AssertionError.class, failure);
        assertTrue(mismatch.getMessage().startsWith("request 1 unexpected: DescribeBackup {"), mismatch.getMessage());
        assertTrue(mismatch.getMessage().endsWith("(expected CreateBackup)"), mismatch.getMessage());
        assertEquals(mismatch, assertThrows(AssertionError.class, () -> server.afterEach(null)));
    }

    @Test
    void aRequestThatFailsItsCheckFailsTheTestEvenIfTheClientSwallowsTheError() {
        ScriptedExchange server = new ScriptedExchange();
        server.expect(Operation.CREATE_BACKUP, request -> assertEquals("orders-2", request.backupName()))
                .thenRespond(200, ScriptedClientTest.CREATED);
        ScriptedClients.builder(server).build().createBackup("orders", "orders-1").onErrorResume(e -> Mono.empty())
                .block(WAIT);
        AssertionError mismatch = assertThrows(AssertionError.class, () -> server.afterEach(null));
        assertTrue(mismatch.getCause().getMessage().contains("expected: <orders-2> but was: <orders-1>"),
                mismatch.getCause().getMessage());
    }

    @Test
    void anExpectedRequestThatNeverCameFailsTheTestUnlessItWasExpectedUpToSomeTimes() {
        ScriptedExchange server = new ScriptedExchange();
        server.expect(Operation.DESCRIBE_BACKUP).upToTimes(3).thenRespond(200, ScriptedClientTest.describe("AVAILABLE"))
                .expect(Operation.DESCRIBE_BACKUP).thenRespond(200, ScriptedClientTest.describe("AVAILABLE"));
        ScriptedClients.builder(server).build().describeBackup(ScriptedClientTest.ARN).block(WAIT);
        AssertionError missing = assertThrows(AssertionError.class, () -> server.afterEach(null));
        assertEquals("expected requests that never came, after 1 received: [DescribeBackup]", missing.getMessage(),
                "the optional ones are not missing");
    }

    @Test
    void aRequestAfterTheScriptEndsIsUnexpected() {
        ScriptedExchange server = new ScriptedExchange();
        Throwable failure = ScriptedClients.builder(server).build().listTables().then(Mono.<Throwable>empty())
                .onErrorResume(Mono::just).block(WAIT);
        assertEquals("no request expected any more", assertInstanceOf(AssertionError.class, failure).getCause()
                .getMessage());
        assertThrows(AssertionError.class, () -> server.afterEach(null));
    }
}
