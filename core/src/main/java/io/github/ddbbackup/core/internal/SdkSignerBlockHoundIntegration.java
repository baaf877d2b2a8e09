package io.github.ddbbackup.core.internal;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Tells BlockHound (when an application installs it) about the locks taken on Netty and parallel threads by
 * everything that signs or verifies SigV4 (the client, and the emulator checking signatures), each guarding a few
 * memory operations inside the AWS SDK's signer:
 * <ul>
 *   <li>it borrows and returns its MessageDigests through a {@code LinkedBlockingDeque};</li>
 *   <li>it caches signing keys in a {@code FifoCache} behind a read-write lock (a write when a key is new for the
 *       day, region and service; reads otherwise).</li>
 * </ul>
 * Under contention a thread may park on one of them for a moment, which BlockHound would report as blocking (seen when
 * several event loops signed at once). Registered through {@code META-INF/services}; allows exactly those methods.
 *
 * <p>It lives in core, which needs neither the SDK nor BlockHound at run time (the methods are named as strings, and
 * BlockHound is an optional dependency), because it is the one module both the client and the emulator build on.
 */
public final class SdkSignerBlockHoundIntegration implements BlockHoundIntegration {

    private static final String DIGEST_ALGORITHM = "software.amazon.awssdk.checksums.internal.DigestAlgorithm";
    /** The signing-key cache (utils' {@code FifoCache}). */
    static final String SIGNING_KEY_CACHE = "software.amazon.awssdk.utils.cache.FifoCache";

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside(DIGEST_ALGORITHM, "getDigest");
        builder.allowBlockingCallsInside(DIGEST_ALGORITHM + "$CloseableMessageDigest", "close");
        builder.allowBlockingCallsInside(SIGNING_KEY_CACHE, "get");
        builder.allowBlockingCallsInside(SIGNING_KEY_CACHE, "add");
    }
}
