package org.citylake.fault;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.lakehouse.config.LakeOptions;
import org.citylake.ref.RefLoader;
import org.citylake.stack.KafkaService;
import org.citylake.stack.Ports;
import org.citylake.stack.PostgresService;
import org.citylake.stack.S3ProxyService;
import org.citylake.stack.Service;
import org.citylake.stack.Stack;
import org.citylake.stack.StackContext;
import org.citylake.stack.StackLog;

/**
 * The servers a fault test needs (PostgreSQL catalog, S3Proxy, Kafka: any subset) on free loopback
 * ports under a temp data dir; {@link #close} stops what it started, by PID, even after a failure.
 */
final class FaultStack implements AutoCloseable {

    static final StackLog LOG = StackLog.to(System.err);

    final Path dataDir;
    final Stack stack;
    final PostgresService postgres;
    final S3ProxyService s3;
    final KafkaService kafka;

    /** With {@code lakeOnStack}, the lake uses PostgreSQL + S3; else the embedded catalog. */
    FaultStack(Path dataDir, boolean lakeOnStack, boolean withKafka) throws Exception {
        this.dataDir = dataDir;
        Map<String, String> overrides = new HashMap<>();
        overrides.put(LakeOptions.DATA_DIR.key(), dataDir.toString());
        overrides.put(LakeOptions.POSTGRES_PORT.key(), Integer.toString(Ports.free()));
        overrides.put(LakeOptions.S3_PORT.key(), Integer.toString(Ports.free()));
        overrides.put(LakeOptions.KAFKA_PORT.key(), Integer.toString(Ports.freePair()));
        StackContext context = StackContext.of(LakeConfig.load(overrides), LOG);
        List<Service> services = new ArrayList<>();
        postgres = lakeOnStack ? new PostgresService(context) : null;
        s3 = lakeOnStack ? new S3ProxyService(context) : null;
        kafka = withKafka ? new KafkaService(context) : null;
        for (Service service : new Service[] {postgres, s3, kafka}) {
            if (service != null) {
                services.add(service);
            }
        }
        stack = new Stack(context, services);
        try {
            stack.up(LOG);
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    /** The lake config jobs use: the stack profile written by {@code up}, or embedded. */
    LakeConfig lakeConfig(boolean lakeOnStack) {
        Map<String, String> overrides = new HashMap<>();
        overrides.put(LakeOptions.DATA_DIR.key(), dataDir.toString());
        overrides.put(LakeOptions.PROFILE.key(), lakeOnStack ? "stack" : "embedded");
        return LakeConfig.load(overrides);
    }

    /** Creates the tables and loads the ref data of {@code feeds}. */
    static void initLake(LakeConfig config, Path feeds) throws Exception {
        try (Lake lake = Lake.open(config)) {
            lake.init();
            RefLoader.loadAll(lake, feeds);
        }
    }

    @Override
    public void close() throws Exception {
        stack.down(LOG);
    }
}
