package org.citylake.lakehouse.flink;

import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.rpc.AddressResolution;
import org.apache.flink.runtime.rpc.RpcSystem;
import org.apache.flink.runtime.rpc.RpcSystemLoader;
import org.apache.flink.runtime.rpc.pekko.PekkoRpcSystemLoader;

/**
 * Loads Flink's RPC system (Pekko) once per JVM and shares it between the embedded MiniClusters
 * that CityLake's jobs start one after another in one process (the CLI's {@code demo} and {@code
 * run all}, the benchmarks, the tests).
 *
 * <pre>
 *  MiniCluster start ─► RpcSystem.load ─► this loader (priority -1, ahead of Flink's 0)
 *                                            ├ first time: Flink's PekkoRpcSystemLoader
 *                                            │   (copies its RPC jar to a temp file, opens a
 *                                            │    class loader for Pekko and Scala)
 *                                            └ every time: that system, whose close() is a no-op;
 *                                              the JVM's shutdown closes it once
 * </pre>
 *
 * <p>Flink's own loader does the copy and opens a new class loader for every MiniCluster, so every
 * embedded job loaded and JIT-compiled Pekko and Scala afresh: about 1.5 s of CPU per job start
 * ({@code citylake bench ingest}). Found through {@code ServiceLoader}; a Flink cluster's own
 * processes, which do not have CityLake on their class path, use Flink's loader as ever.
 */
public final class SharedRpcSystemLoader implements RpcSystemLoader {

    private static RpcSystem shared;

    @Override
    public int getLoadPriority() {
        return -1;
    }

    @Override
    public RpcSystem loadRpcSystem(Configuration config) {
        return new Shared(system(config));
    }

    private static synchronized RpcSystem system(Configuration config) {
        if (shared == null) {
            RpcSystem loaded = new PekkoRpcSystemLoader().loadRpcSystem(config);
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(loaded::close, "citylake-rpc-system-close"));
            shared = loaded;
        }
        return shared;
    }

    /** The shared system, as one MiniCluster sees it: closing it leaves it to the others. */
    private record Shared(RpcSystem system) implements RpcSystem {

        @Override
        public RpcServiceBuilder localServiceBuilder(Configuration configuration) {
            return system.localServiceBuilder(configuration);
        }

        @Override
        public RpcServiceBuilder remoteServiceBuilder(
                Configuration configuration, String externalAddress, String externalPortRange) {
            return system.remoteServiceBuilder(configuration, externalAddress, externalPortRange);
        }

        @Override
        public String getRpcUrl(
                String hostname,
                int port,
                String endpointName,
                AddressResolution addressResolution,
                Configuration config)
                throws UnknownHostException {
            return system.getRpcUrl(hostname, port, endpointName, addressResolution, config);
        }

        @Override
        public InetSocketAddress getInetSocketAddressFromRpcUrl(String url) throws Exception {
            return system.getInetSocketAddressFromRpcUrl(url);
        }

        @Override
        public long getMaximumMessageSizeInBytes(Configuration config) {
            return system.getMaximumMessageSizeInBytes(config);
        }

        @Override
        public void close() {
            // shared: closed once, at the JVM's shutdown
        }
    }
}
