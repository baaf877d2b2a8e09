package io.github.ddbbackup.testsupport;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Netty 4.2's default buffer allocator ({@code AdaptivePoolingAllocator}) takes a {@code StampedLock} when it grows or
 * frees a magazine; under contention an event loop parks on it for a moment (seen on a Lettuce event loop
 * registering a channel, with two CPU burners beside the build). The lock is inside Netty and guards a few memory
 * operations; Netty's own BlockHound integration (4.2.18) does not list it yet. Only those two methods are allowed.
 */
public final class NettyAllocatorBlockHoundIntegration implements BlockHoundIntegration {

    private static final String ALLOCATOR = "io.netty.buffer.AdaptivePoolingAllocator";

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside(ALLOCATOR + "$MagazineGroup", "tryExpandMagazines");
        builder.allowBlockingCallsInside(ALLOCATOR + "$Magazine", "free");
    }
}
