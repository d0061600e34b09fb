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
 *                                            └ every time: that system, whose close() only
 *                                              releases it; the JVM's shutdown closes it once
 *                                              no MiniCluster holds it (waiting up to 2 s)
 * </pre>
 *
 * <p>Flink's own loader does the copy and opens a new class loader for every MiniCluster, so every
 * embedded job loaded and JIT-compiled Pekko and Scala afresh: about 1.7 CPU-s and 1.1 s per job
 * ({@code citylake bench ingest}). Found through {@code ServiceLoader}; a Flink cluster's own
 * processes, which do not have CityLake on their class path, use Flink's loader as ever.
 */
public final class SharedRpcSystemLoader implements RpcSystemLoader {

    /** How long the JVM's shutdown waits for MiniClusters still closing before it closes. */
    private static final long SHUTDOWN_WAIT_MS = 2_000;

    private static RpcSystem shared;

    /** MiniClusters (and other users) holding the shared system, not yet closed. */
    private static int users;

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
            shared = new PekkoRpcSystemLoader().loadRpcSystem(config);
            Runtime.getRuntime()
                    .addShutdownHook(
                            new Thread(
                                    SharedRpcSystemLoader::closeAtExit,
                                    "citylake-rpc-system-close"));
        }
        users++;
        return shared;
    }

    private static synchronized void released() {
        users--;
        SharedRpcSystemLoader.class.notifyAll();
    }

    /**
     * Closes the shared system (its class loader, its jar copy) once no MiniCluster uses it: a
     * MiniCluster a command left closing in the background gets a moment to finish, so Pekko's
     * threads never find their class loader closed under them.
     */
    private static synchronized void closeAtExit() {
        long deadline = System.currentTimeMillis() + SHUTDOWN_WAIT_MS;
        try {
            for (long left = SHUTDOWN_WAIT_MS; users > 0 && left > 0; ) {
                SharedRpcSystemLoader.class.wait(left);
                left = deadline - System.currentTimeMillis();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (users == 0) {
            shared.close();
        }
        // else a MiniCluster is still running as the JVM ends: its threads end with it, and the
        // jar copy stays in the temporary directory, as after a killed JVM
    }

    /** The shared system, as one MiniCluster sees it: closing it leaves it to the others. */
    private static final class Shared implements RpcSystem {

        private final RpcSystem system;
        private boolean closed;

        Shared(RpcSystem system) {
            this.system = system;
        }

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
        public synchronized void close() {
            // shared: released here, closed once at the JVM's shutdown
            if (!closed) {
                closed = true;
                released();
            }
        }
    }
}
