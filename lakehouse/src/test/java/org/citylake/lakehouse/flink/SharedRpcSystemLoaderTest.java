package org.citylake.lakehouse.flink;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.rpc.RpcSystem;
import org.junit.jupiter.api.Test;

class SharedRpcSystemLoaderTest {

    /** The class loader Pekko's classes came from, as a MiniCluster's RPC system sees it. */
    private static ClassLoader pekkoLoader(RpcSystem system) throws Exception {
        var builder = system.localServiceBuilder(new Configuration());
        var service = builder.createAndStart();
        try {
            return service.getClass().getClassLoader();
        } finally {
            service.closeAsync().get();
        }
    }

    @Test
    void flinkLoadsTheSharedSystemAndClosingOneLeavesItUsable() throws Exception {
        RpcSystem first = RpcSystem.load();
        ClassLoader firstLoader = pekkoLoader(first);
        first.close();

        RpcSystem second = RpcSystem.load();
        // the second load reuses the first one's classes: no new jar copy, no new class loader
        assertThat(pekkoLoader(second)).isSameAs(firstLoader);
        assertThat(firstLoader).isNotSameAs(RpcSystem.class.getClassLoader());
        second.close();
    }

    @Test
    void miniClustersOneAfterAnotherStartAndStop() throws Exception {
        for (int i = 0; i < 2; i++) {
            try (MiniCluster cluster =
                    new MiniCluster(
                            new MiniClusterConfiguration.Builder()
                                    .setNumTaskManagers(1)
                                    .setNumSlotsPerTaskManager(1)
                                    .build())) {
                cluster.start();
                assertThat(cluster.isRunning()).isTrue();
            }
        }
    }
}
