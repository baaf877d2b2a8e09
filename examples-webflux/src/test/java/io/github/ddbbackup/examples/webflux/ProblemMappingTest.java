package io.github.ddbbackup.examples.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ddbbackup.core.error.AmbiguousOutcomeException;
import io.github.ddbbackup.core.error.ErrorResponseException;
import io.github.ddbbackup.core.error.MalformedResponseException;
import io.github.ddbbackup.core.error.TransportException;
import java.net.ConnectException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The problems of failures that carry no error code from DynamoDB: an error code appears only when a response named
 * one (the mapped statuses of coded errors are checked end to end in {@link BackupServiceTest}).
 */
class ProblemMappingTest {

    private static final TransportException REFUSED = new TransportException(
            "ConnectException before the request was written: Connection refused", false, true,
            new ConnectException("Connection refused"));

    @Test
    void aProxysErrorPageWithoutACodeIs502WithItsRequestIdAndNoErrorCode() {
        ProblemMapping.Problem problem = ProblemMapping.of(ErrorResponseException.byStatus(null,
                "error response is not JSON: <html>Bad Gateway</html>", 502, "rid-1")).orElseThrow();

        assertThat(problem.status()).isEqualTo(HttpStatus.BAD_GATEWAY);
        assertThat(properties(problem.detail())).doesNotContainKey("errorCode").containsEntry("requestId", "rid-1");
        assertThat(problem.headers()).isEqualTo(HttpHeaders.EMPTY);
    }

    @Test
    void transportFailuresAndDamagedResponsesAre502WithoutAnErrorCode() {
        ProblemMapping.Problem unreachable = ProblemMapping.of(REFUSED).orElseThrow();
        ProblemMapping.Problem damaged = ProblemMapping.of(new MalformedResponseException(
                "ListBackups response could not be decoded", 200, "rid-2", null)).orElseThrow();

        assertThat(unreachable.status()).isEqualTo(HttpStatus.BAD_GATEWAY);
        assertThat(unreachable.detail().getDetail()).isEqualTo(REFUSED.getMessage());
        assertThat(properties(unreachable.detail())).doesNotContainKeys("errorCode", "requestId");
        assertThat(damaged.status()).isEqualTo(HttpStatus.BAD_GATEWAY);
        assertThat(properties(damaged.detail())).doesNotContainKey("errorCode").containsEntry("requestId", "rid-2");
    }

    @Test
    void anUnknownCreateBackupOutcomeIs502NamingTheBackupToLookFor() {
        ProblemMapping.Problem problem = ProblemMapping.of(
                new AmbiguousOutcomeException("orders", "orders-1", REFUSED)).orElseThrow();

        assertThat(problem.status()).isEqualTo(HttpStatus.BAD_GATEWAY);
        assertThat(properties(problem.detail())).containsEntry("backupName", "orders-1").doesNotContainKey("errorCode");
    }

    private static Map<String, Object> properties(ProblemDetail detail) {
        return detail.getProperties() == null ? Map.of() : detail.getProperties();
    }
}
