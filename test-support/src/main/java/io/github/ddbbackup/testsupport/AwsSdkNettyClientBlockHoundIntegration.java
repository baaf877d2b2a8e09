package io.github.ddbbackup.testsupport;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * The one allowance the tests need beyond those shipped with the code under test (the SigV4 signer's digest pool:
 * core's {@code SdkSignerBlockHoundIntegration}). The AWS SDK's Netty client, the comparison client of the emulator's
 * and the benchmarks' tests, shuts down by waiting for its channel pools to close on Netty's global event executor, a
 * thread BlockHound treats as non-blocking. That wait is inside the SDK and cannot be moved; only that close path is
 * allowed, our client's and the emulator's threads stay fully checked (Reactor Netty does not use this pool).
 */
public final class AwsSdkNettyClientBlockHoundIntegration implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("io.netty.channel.pool.SimpleChannelPool", "close");
    }
}
