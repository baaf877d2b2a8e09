package io.github.ddbbackup.emulator;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Tells BlockHound (when an application installs it) about the one lock the emulator takes on Netty
 * threads: the AWS SDK's SigV4 signer borrows and returns its MessageDigests through a {@code LinkedBlockingDeque},
 * whose lock guards a pointer swap. Under contention a thread may park on it for a moment, which BlockHound would
 * report as blocking. Registered through {@code META-INF/services}; allows exactly those two methods.
 */
public final class SdkSignerBlockHoundIntegration implements BlockHoundIntegration {

    private static final String DIGEST_ALGORITHM = "software.amazon.awssdk.checksums.internal.DigestAlgorithm";

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside(DIGEST_ALGORITHM, "getDigest");
        builder.allowBlockingCallsInside(DIGEST_ALGORITHM + "$CloseableMessageDigest", "close");
    }
}
