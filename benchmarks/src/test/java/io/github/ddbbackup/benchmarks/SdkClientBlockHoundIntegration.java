package io.github.ddbbackup.benchmarks;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Two allowances, each for a lock held only for a queue operation or an SDK shutdown, never for I/O:
 * <ul>
 *   <li>the AWS SDK's Netty client, the comparison client, shuts down by waiting for channel closes on Netty's global
 *       event executor, a thread BlockHound treats as non-blocking;</li>
 *   <li>the SDK's SigV4 signer, used on event loops by our client and by the emulator, takes its SHA-256 digests
 *       from a pool in a {@code LinkedBlockingDeque}, whose lock a concurrent signer may hold for the instant of
 *       a poll or an offer. At the harness's concurrency two event loops do meet there, and BlockHound sees the
 *       park.</li>
 * </ul>
 * Everything else on our client's and the emulator's threads stays checked.
 */
public final class SdkClientBlockHoundIntegration implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("io.netty.channel.pool.SimpleChannelPool", "close");
        builder.allowBlockingCallsInside("software.amazon.awssdk.checksums.internal.DigestAlgorithm", "getDigest");
        builder.allowBlockingCallsInside(
                "software.amazon.awssdk.checksums.internal.DigestAlgorithm$CloseableMessageDigest", "close");
    }
}
