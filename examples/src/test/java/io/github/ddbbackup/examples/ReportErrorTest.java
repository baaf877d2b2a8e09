package io.github.ddbbackup.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.core.error.AmbiguousOutcomeException;
import io.github.ddbbackup.core.error.ErrorResponseException;
import io.github.ddbbackup.core.error.MalformedResponseException;
import io.github.ddbbackup.core.error.TableNotFoundException;
import io.github.ddbbackup.core.error.TransportException;
import io.github.ddbbackup.examples.Report.ErrorInfo;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

/** What a FAILED table's {@code error} says: DynamoDB's code when its response named one, never a made-up one. */
class ReportErrorTest {

    private static final TransportException REFUSED = new TransportException(
            "ConnectException before the request was written: Connection refused", false, true,
            new ConnectException("Connection refused"));

    @Test
    void anErrorResponseWithACodeIsReportedByThatCodeWithItsRequestId() {
        assertEquals(new ErrorInfo("TableNotFoundException", "Table not found: gone", "rid-1"),
                ErrorInfo.of(new TableNotFoundException("Table not found: gone", 400, "rid-1")));
    }

    @Test
    void anErrorResponseWithoutACodeIsReportedByItsCategoryWithTheStatusInTheMessage() {
        ErrorInfo proxyPage = ErrorInfo.of(ErrorResponseException.byStatus(null,
                "error response is not JSON: <html>down</html>", 503, null));

        assertEquals("ErrorResponseException.ServerError", proxyPage.code());
        assertTrue(proxyPage.message().contains("<html>down</html>") && proxyPage.message().contains("HTTP 503"),
                proxyPage.message());
        assertNull(proxyPage.requestId());
    }

    @Test
    void aClientSideFailureIsReportedByItsClassWithoutAnInventedCodeOrStatus() {
        assertEquals(new ErrorInfo("TransportException",
                "ConnectException before the request was written: Connection refused", null), ErrorInfo.of(REFUSED));

        ErrorInfo ambiguous = ErrorInfo.of(new AmbiguousOutcomeException("orders", "orders-1", REFUSED));
        assertEquals("AmbiguousOutcomeException", ambiguous.code());
        assertEquals("CreateBackup of table orders as orders-1 may or may not have happened: ConnectException before"
                + " the request was written: Connection refused", ambiguous.message());
        assertNull(ambiguous.requestId());
    }

    @Test
    void aDamagedResponseKeepsItsRealRequestId() {
        assertEquals(new ErrorInfo("MalformedResponseException",
                        "CreateBackup response body is empty or null (HTTP 200, request id rid-2)", "rid-2"),
                ErrorInfo.of(new MalformedResponseException("CreateBackup response body is empty or null", 200,
                        "rid-2", null)));
    }
}
