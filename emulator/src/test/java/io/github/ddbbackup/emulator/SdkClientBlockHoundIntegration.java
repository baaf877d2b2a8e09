package io.github.ddbbackup.emulator;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Lets the AWS SDK's Netty client, the comparison client of these tests, shut down: its {@code close()} waits for
 * channel closes on Netty's global event executor, a thread BlockHound treats as non-blocking. Only that close path
 * is allowed; the emulator's own threads stay fully checked.
 */
public final class SdkClientBlockHoundIntegration implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("io.netty.channel.pool.SimpleChannelPool", "close");
    }
}
