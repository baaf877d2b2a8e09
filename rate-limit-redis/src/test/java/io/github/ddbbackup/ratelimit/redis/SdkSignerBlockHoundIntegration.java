package io.github.ddbbackup.ratelimit.redis;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * The AWS SDK's SigV4 signer borrows and returns its MessageDigests through a {@code LinkedBlockingDeque}, whose lock
 * is held for a pointer swap; with three clients signing at once on the parallel scheduler, one thread sometimes parks
 * on it for a moment, which BlockHound reports. That is the client's business (reported to its owner), not the rate
 * limiter's, so these tests allow exactly that pool and nothing else.
 */
public final class SdkSignerBlockHoundIntegration implements BlockHoundIntegration {

    private static final String DIGEST_ALGORITHM = "software.amazon.awssdk.checksums.internal.DigestAlgorithm";

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside(DIGEST_ALGORITHM, "getDigest");
        builder.allowBlockingCallsInside(DIGEST_ALGORITHM + "$CloseableMessageDigest", "close");
    }
}
