package io.github.ddbbackup.benchmarks;

import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.retry.RetryUtils;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.dynamodb.model.LimitExceededException;

/**
 * The retry strategy a careful AWS SDK user sets for backup operations. The SDK's default strategy gives up on
 * {@code LimitExceededException} at once (it is not among the SDK's throttling codes), which is what DynamoDB answers
 * when CreateBackup, DescribeBackup or ListBackups go over their documented rates. So: the SDK's <em>adaptive</em>
 * strategy (backoff, and a client-side send rate that drops on throttling and recovers, as the SDK documents for
 * rate-limited APIs), told that LimitExceededException is throttling and retryable, with 10 attempts instead of 3.
 */
final class CarefulSdkRetries {

    /** Attempts per call, the first included: more patient than the SDK's 3, as a batch job may be. */
    static final int MAX_ATTEMPTS = 10;

    private CarefulSdkRetries() {
    }

    static RetryStrategy strategy() {
        return AwsRetryStrategy.adaptiveRetryStrategy().toBuilder()
                .retryOnException(CarefulSdkRetries::isLimitExceeded)
                .treatAsThrottling(e -> isLimitExceeded(e)
                        || e instanceof SdkException sdk && RetryUtils.isThrottlingException(sdk))
                .maxAttempts(MAX_ATTEMPTS)
                .build();
    }

    static boolean isLimitExceeded(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof LimitExceededException) {
                return true;
            }
        }
        return false;
    }
}
