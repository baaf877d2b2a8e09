package io.github.ddbbackup.core;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Tells BlockHound (when an application installs it) about the one lock taken on Netty and parallel threads by
 * everything that signs or verifies SigV4 (the client, and the emulator checking signatures): the AWS SDK's signer
 * borrows and returns its MessageDigests through a {@code LinkedBlockingDeque}, whose lock guards a pointer swap.
 * Under contention a thread may park on it for a moment, which BlockHound would report as blocking. Registered
 * through {@code META-INF/services}; allows exactly those two methods.
 *
 * <p>It lives in core, which needs neither the SDK nor BlockHound at run time (the methods are named as strings, and
 * BlockHound is an optional dependency), because it is the one module both the client and the emulator build on.
 */
public final class SdkSignerBlockHoundIntegration implements BlockHoundIntegration {

    private static final String DIGEST_ALGORITHM = "software.amazon.awssdk.checksums.internal.DigestAlgorithm";

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside(DIGEST_ALGORITHM, "getDigest");
        builder.allowBlockingCallsInside(DIGEST_ALGORITHM + "$CloseableMessageDigest", "close");
    }
}
