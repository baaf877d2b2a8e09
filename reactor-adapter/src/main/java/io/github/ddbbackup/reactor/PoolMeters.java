package io.github.ddbbackup.reactor;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import reactor.netty.resources.ConnectionPoolMetrics;
import reactor.netty.resources.ConnectionProvider;

/**
 * Reactor Netty's connection-pool gauges, with Reactor Netty's own names and tags
 * ({@code reactor.netty.connection.provider.*}, {@code id}, {@code name}, {@code remote.address}), registered in the
 * client's registry rather than Micrometer's global one: the pool is the client's own, named
 * {@value DynamoDbBackupClientBuilder#POOL_NAME}. Removed again when Reactor Netty disposes of the pool.
 */
final class PoolMeters implements ConnectionProvider.MeterRegistrar {

    static final String PREFIX = "reactor.netty.connection.provider";

    private final MeterRegistry registry;
    private final Map<String, List<Meter>> registered = new ConcurrentHashMap<>();

    PoolMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void registerMetrics(String poolName, String id, SocketAddress remoteAddress,
                                ConnectionPoolMetrics metrics) {
        Tags tags = Tags.of("id", id, "name", poolName, "remote.address", format(remoteAddress));
        registered.put(id + remoteAddress, List.of(
                gauge("total.connections", tags, metrics, ConnectionPoolMetrics::allocatedSize),
                gauge("active.connections", tags, metrics, ConnectionPoolMetrics::acquiredSize),
                gauge("idle.connections", tags, metrics, ConnectionPoolMetrics::idleSize),
                gauge("pending.connections", tags, metrics, ConnectionPoolMetrics::pendingAcquireSize),
                gauge("max.connections", tags, metrics, ConnectionPoolMetrics::maxAllocatedSize),
                gauge("max.pending.connections", tags, metrics, ConnectionPoolMetrics::maxPendingAcquireSize)));
    }

    @Override
    public void deRegisterMetrics(String poolName, String id, SocketAddress remoteAddress) {
        List<Meter> meters = registered.remove(id + remoteAddress);
        if (meters != null) {
            meters.forEach(registry::remove);
        }
    }

    private Meter gauge(String name, Tags tags, ConnectionPoolMetrics metrics,
                        ToDoubleFunction<ConnectionPoolMetrics> value) {
        return Gauge.builder(PREFIX + "." + name, metrics, value).tags(tags).strongReference(true)
                .register(registry);
    }

    private static String format(SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet.getHostString() + ":" + inet.getPort()
                : address.toString();
    }
}
