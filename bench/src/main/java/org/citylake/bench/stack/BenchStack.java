package org.citylake.bench.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.lakehouse.config.LakeOptions;
import org.citylake.serving.TrinoAccessRules;
import org.citylake.serving.TrinoClient;
import org.citylake.stack.KafkaService;
import org.citylake.stack.Ports;
import org.citylake.stack.PostgresService;
import org.citylake.stack.S3ProxyService;
import org.citylake.stack.Service;
import org.citylake.stack.Stack;
import org.citylake.stack.StackContext;
import org.citylake.stack.StackLog;
import org.citylake.stack.TrinoService;

/**
 * A private stack for one benchmark run: PostgreSQL (catalog), S3Proxy (warehouse) and, when asked,
 * Kafka and Trino, on free loopback ports with all state under the run's work directory. The
 * downloaded server distributions are the shared cache of {@code citylake stack up}. {@link #close}
 * stops, by PID, exactly the processes this stack started — also after a failure.
 */
public final class BenchStack implements AutoCloseable {

    private final Stack stack;
    private final Map<String, String> overrides;
    private final StackLog log;
    private final KafkaService kafka;
    private final TrinoService trino;
    private final Thread onExit;
    private boolean closed;

    private BenchStack(
            Stack stack,
            Map<String, String> overrides,
            StackLog log,
            KafkaService kafka,
            TrinoService trino) {
        this.stack = stack;
        this.overrides = overrides;
        this.log = log;
        this.kafka = kafka;
        this.trino = trino;
        // Interrupted (Ctrl-C, SIGTERM): still stop the servers this run started.
        this.onExit = new Thread(this::stopQuietly, "bench-stack-stop");
        Runtime.getRuntime().addShutdownHook(onExit);
    }

    /** Installs what is missing and starts the services; stops what started if one fails. */
    public static BenchStack start(Path workDir, boolean withKafka, boolean withTrino, StackLog log)
            throws Exception {
        Map<String, String> overrides = new HashMap<>();
        overrides.put(LakeOptions.PROFILE.key(), "stack");
        overrides.put(LakeOptions.DATA_DIR.key(), workDir.toString());
        overrides.put(LakeOptions.STACK_DIR.key(), workDir.resolve("stack").toString());
        overrides.put(LakeOptions.POSTGRES_PORT.key(), Integer.toString(Ports.free()));
        overrides.put(LakeOptions.S3_PORT.key(), Integer.toString(Ports.free()));
        overrides.put(LakeOptions.KAFKA_PORT.key(), Integer.toString(Ports.freePair()));
        overrides.put(LakeOptions.TRINO_PORT.key(), Integer.toString(Ports.free()));
        // The bench's own settings only: no environment or properties file of the user's lake.
        StackContext context = StackContext.of(LakeConfig.load(overrides), log);
        List<Service> services = new ArrayList<>();
        services.add(new PostgresService(context));
        services.add(new S3ProxyService(context));
        KafkaService kafka = withKafka ? new KafkaService(context) : null;
        if (kafka != null) {
            services.add(kafka);
        }
        TrinoService trino = withTrino ? new TrinoService(context, TrinoAccessRules.json()) : null;
        if (trino != null) {
            services.add(trino);
        }
        Stack stack = new Stack(context, services);
        BenchStack bench = new BenchStack(stack, overrides, log, kafka, trino);
        try {
            stack.up(log);
        } catch (Exception | Error e) {
            bench.close();
            throw e;
        }
        return bench;
    }

    /** The lake of this stack (catalog in its PostgreSQL, warehouse in its S3Proxy). */
    public LakeConfig lake() {
        return LakeConfig.load(overrides);
    }

    /**
     * The same stack's lake under another catalog name and warehouse prefix: a set of tables of its
     * own, e.g. one per repetition.
     */
    public LakeConfig lake(String catalogName) {
        Map<String, String> own = new HashMap<>(overrides);
        own.put(LakeOptions.CATALOG_NAME.key(), catalogName);
        own.put(LakeOptions.WAREHOUSE.key(), "s3://" + S3ProxyService.BUCKET + "/" + catalogName);
        return LakeConfig.load(own);
    }

    public String kafkaBootstrap() {
        if (kafka == null) {
            throw new IllegalStateException("this bench stack runs no Kafka");
        }
        return kafka.bootstrapServers();
    }

    /** Trino as admin. */
    public TrinoClient trinoAdmin() {
        if (trino == null) {
            throw new IllegalStateException("this bench stack runs no Trino");
        }
        return TrinoClient.fromConfig(lake());
    }

    /**
     * Where S3Proxy keeps the objects of {@code s3://<bucket>/<key>}: {@code <dir>/<bucket>/<key>}.
     */
    public Path s3DataDir() {
        return stack.context().serviceDir(S3ProxyService.NAME).resolve("data");
    }

    /** PIDs of the running services, by name (PostgreSQL's postmaster, the JVMs). */
    public Map<String, Long> pids() {
        Map<String, Long> pids = new java.util.LinkedHashMap<>();
        for (Service s : stack.services()) {
            s.pid().ifPresent(pid -> pids.put(s.name(), pid));
        }
        return pids;
    }

    @Override
    public synchronized void close() throws Exception {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException shuttingDown) {
            // called from the hook itself
        }
        stack.down(log);
    }

    private void stopQuietly() {
        try {
            close();
        } catch (Exception e) {
            log.info("stopping the benchmark's servers failed: " + e.getMessage());
        }
    }
}
