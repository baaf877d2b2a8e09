package io.github.ddbbackup.spring.autoconfigure.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ddbbackup.core.BackupStatus;
import io.github.ddbbackup.core.error.AmbiguousOutcomeException;
import io.github.ddbbackup.core.error.BackupNotAvailableException;
import io.github.ddbbackup.core.error.BackupNotFoundException;
import io.github.ddbbackup.core.error.CredentialsUnavailableException;
import io.github.ddbbackup.core.error.ErrorResponseException;
import io.github.ddbbackup.core.error.MalformedResponseException;
import io.github.ddbbackup.core.error.SharedRateLimiterUnavailableException;
import io.github.ddbbackup.core.error.TransportException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The problems of failures that carry no error code from DynamoDB: an error code appears only when a response named
 * one, and a 502's detail never repeats the exception's message, which may name upstream hosts and addresses (the
 * statuses of coded errors are checked end to end in the example service's tests).
 */
class DynamoDbBackupProblemsTest {

    private static final TransportException REFUSED = new TransportException(
            "ConnectException before the request was written: Connection refused: /10.1.2.3:8000", false, true,
            new ConnectException("Connection refused: /10.1.2.3:8000"));

    @Test
    void aProxysErrorPageWithoutACodeIs502WithItsRequestIdAndNoErrorCodeNorThePage() {
        DynamoDbBackupProblems.Problem problem = DynamoDbBackupProblems.of(ErrorResponseException.byStatus(null,
                "error response is not JSON: <html>Bad Gateway at proxy.internal.example</html>", 502, "rid-1"))
                .orElseThrow();

        assertThat(problem.status()).isEqualTo(HttpStatus.BAD_GATEWAY);
        assertThat(problem.detail().getDetail()).isEqualTo("DynamoDB answered HTTP 502 without an error code");
        assertThat(properties(problem.detail())).doesNotContainKey("errorCode").containsEntry("requestId", "rid-1");
        assertThat(problem.headers()).isEqualTo(HttpHeaders.EMPTY);
    }

    @Test
    void transportFailuresAndDamagedResponsesAre502WithoutAnErrorCodeOrAnAddress() {
        DynamoDbBackupProblems.Problem unreachable = DynamoDbBackupProblems.of(REFUSED).orElseThrow();
        DynamoDbBackupProblems.Problem damaged = DynamoDbBackupProblems.of(new MalformedResponseException(
                "ListBackups response from 10.1.2.3 could not be decoded", 200, "rid-2", null)).orElseThrow();

        assertThat(unreachable.status()).isEqualTo(HttpStatus.BAD_GATEWAY);
        assertThat(unreachable.detail().getDetail()).isEqualTo("DynamoDB could not be reached; nothing was sent");
        assertThat(properties(unreachable.detail())).doesNotContainKeys("errorCode", "requestId");
        assertThat(damaged.status()).isEqualTo(HttpStatus.BAD_GATEWAY);
        assertThat(damaged.detail().getDetail()).doesNotContain("10.1.2.3");
        assertThat(properties(damaged.detail())).doesNotContainKey("errorCode").containsEntry("requestId", "rid-2");
    }

    @Test
    void aBackupDeletedOrLostIsGoneButOneNotConfirmedInTimeIs504SayingItExists() {
        String arn = "arn:aws:dynamodb:us-east-1:123456789012:table/orders/backup/01";
        DynamoDbBackupProblems.Problem deleted = DynamoDbBackupProblems.of(
                new BackupNotAvailableException(arn, BackupStatus.DELETED)).orElseThrow();
        DynamoDbBackupProblems.Problem lost = DynamoDbBackupProblems.of(
                BackupNotAvailableException.lost(arn, BackupStatus.CREATING,
                        new BackupNotFoundException("Backup not found", 400, "rid-3"))).orElseThrow();
        DynamoDbBackupProblems.Problem late = DynamoDbBackupProblems.of(BackupNotAvailableException.notConfirmedInTime(
                arn, BackupStatus.CREATING, Duration.ofMinutes(10), null)).orElseThrow();

        assertThat(deleted.status()).isEqualTo(HttpStatus.GONE);
        assertThat(deleted.detail().getDetail())
                .isEqualTo("the backup " + arn + " was deleted and will never be available");
        assertThat(lost.status()).isEqualTo(HttpStatus.GONE);
        assertThat(late.status()).isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
        assertThat(late.detail().getDetail()).isEqualTo("the backup " + arn + " exists but was not seen AVAILABLE in"
                + " time: do not create another; ask for it again later");
    }

    @Test
    void anUnknownCreateBackupOutcomeIs502NamingTheBackupToLookForButNotTheAddress() {
        DynamoDbBackupProblems.Problem problem = DynamoDbBackupProblems.of(
                new AmbiguousOutcomeException("orders", "orders-1", REFUSED)).orElseThrow();

        assertThat(problem.status()).isEqualTo(HttpStatus.BAD_GATEWAY);
        assertThat(properties(problem.detail())).containsEntry("backupName", "orders-1").doesNotContainKey("errorCode");
        assertThat(problem.detail().getDetail()).contains("orders-1").doesNotContain("10.1.2.3");
    }

    @Test
    void missingCredentialsAre502WithoutTheChainAndAnUnaskableSharedBudgetIs503() {
        DynamoDbBackupProblems.Problem noCredentials = DynamoDbBackupProblems.of(new CredentialsUnavailableException(
                "the AWS default chain (profile \"prod\")", new IllegalStateException("no keys"))).orElseThrow();
        DynamoDbBackupProblems.Problem noBudget = DynamoDbBackupProblems.of(new SharedRateLimiterUnavailableException(
                "Redis at redis.internal:6380 unavailable", null)).orElseThrow();

        assertThat(noCredentials.status()).isEqualTo(HttpStatus.BAD_GATEWAY);
        assertThat(noCredentials.detail().getDetail())
                .isEqualTo("the service has no AWS credentials to call DynamoDB with");
        assertThat(noBudget.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(noBudget.detail().getDetail()).doesNotContain("redis.internal");
    }

    @Test
    void anErrorThatIsNotTheClientsHasNoProblemHere() {
        assertThat(DynamoDbBackupProblems.of(new IllegalStateException("a bug"))).isEmpty();
    }

    private static Map<String, Object> properties(ProblemDetail detail) {
        return detail.getProperties() == null ? Map.of() : detail.getProperties();
    }
}
