package org.citylake.stack;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.citylake.lakehouse.config.LakeOptions;

/**
 * A single-node Kafka broker in KRaft mode (broker and controller in one process) on loopback.
 *
 * <p>It runs in its own JVM with its own classpath resolved by Maven: the broker is built on Scala
 * 2.13 and must never share a classpath with Flink's Scala 2.12. Everything lives under {@code
 * <stack-dir>/kafka}: {@code server.properties}, {@code cluster.id}, the log dir {@code data}, the
 * PID file and the log. Storage is formatted once; restarts reuse the cluster id and the data.
 */
public final class KafkaService extends SingleProcessService implements Stack.ClientSettings {

    public static final String NAME = "kafka";

    static final List<String> BROKER_DEPENDENCIES =
            List.of("org.apache.kafka:kafka_2.13:4.4.0", "org.slf4j:slf4j-simple:1.7.36");

    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration FORMAT_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private List<Path> classpath;

    public KafkaService(StackContext context) {
        super(context, NAME, "Kafka", LakeOptions.KAFKA_PORT, START_TIMEOUT, STOP_GRACE);
    }

    /** The KRaft controller listener: always the broker port + 1. */
    public int controllerPort() {
        return port() + 1;
    }

    public String bootstrapServers() {
        return Ports.LOOPBACK + ":" + port();
    }

    public Path dataDir() {
        return dir.resolve("data");
    }

    @Override
    public void install(StackLog log) throws Exception {
        if (classpath == null) {
            classpath = context.maven().classpath("kafka-broker", BROKER_DEPENDENCIES);
        }
    }

    @Override
    void requireFreePorts() {
        super.requireFreePorts();
        Ports.requireFree(
                controllerPort(),
                "the kafka controller (kafka port + 1)",
                LakeOptions.KAFKA_PORT.key());
    }

    @Override
    void launch(StackLog log) throws Exception {
        install(log);
        Files.createDirectories(dir);
        Path properties = writeServerProperties();
        formatOnce(properties, log);
        List<String> command = java(List.of("-Xms256m", "-Xmx1g", "-XX:+UseG1GC"));
        command.add("kafka.Kafka");
        command.add(properties.toAbsolutePath().toString());
        long pid = process.start(command, Map.of(), dir);
        log.info("kafka started (pid " + pid + "), log " + process.logFile());
    }

    @Override
    public Health health() {
        if (!Ports.isOpen(port())) {
            return Health.down("nothing listens on " + bootstrapServers());
        }
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 4000);
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        try (Admin admin = Admin.create(props)) {
            var cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(4000));
            int nodes = cluster.nodes().get(5, TimeUnit.SECONDS).size();
            String id = cluster.clusterId().get(5, TimeUnit.SECONDS);
            return nodes > 0
                    ? Health.up("cluster " + id + ", " + nodes + " broker(s)")
                    : Health.down("cluster " + id + " has no live broker yet");
        } catch (Exception e) {
            return Health.down("describeCluster failed: " + e.getMessage());
        }
    }

    @Override
    public Map<String, String> clientSettings() {
        return Map.of(LakeOptions.KAFKA_BOOTSTRAP.key(), bootstrapServers());
    }

    /** Written on every start, so a changed port takes effect; the data dir stays. */
    Path writeServerProperties() throws IOException {
        String host = Ports.LOOPBACK;
        int port = port();
        String text =
                String.join(
                                "\n",
                                "# written by citylake stack; edits are overwritten on start",
                                "process.roles=broker,controller",
                                "node.id=1",
                                // Dynamic quorum: StorageTool --standalone refuses
                                // controller.quorum.voters.
                                "controller.quorum.bootstrap.servers="
                                        + host
                                        + ":"
                                        + controllerPort(),
                                "listeners=PLAINTEXT://"
                                        + host
                                        + ":"
                                        + port
                                        + ",CONTROLLER://"
                                        + host
                                        + ":"
                                        + controllerPort(),
                                "advertised.listeners=PLAINTEXT://" + host + ":" + port,
                                "controller.listener.names=CONTROLLER",
                                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                                "inter.broker.listener.name=PLAINTEXT",
                                "log.dirs=" + dataDir().toAbsolutePath(),
                                "num.partitions=4",
                                "default.replication.factor=1",
                                "offsets.topic.replication.factor=1",
                                "transaction.state.log.replication.factor=1",
                                "transaction.state.log.min.isr=1",
                                "share.coordinator.state.topic.replication.factor=1",
                                "share.coordinator.state.topic.min.isr=1",
                                "group.initial.rebalance.delay.ms=0",
                                "")
                        .replace("\\", "\\\\");
        Path file = dir.resolve("server.properties");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /** The cluster id, generated once and kept next to the data so restarts reuse it. */
    String clusterId() throws IOException {
        Path file = dir.resolve("cluster.id");
        if (Files.isRegularFile(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        }
        String id = Uuid.randomUuid().toString();
        Files.createDirectories(dir);
        Files.writeString(file, id + "\n", StandardCharsets.UTF_8);
        return id;
    }

    private void formatOnce(Path properties, StackLog log) throws Exception {
        if (Files.isRegularFile(dataDir().resolve("meta.properties"))) {
            return;
        }
        String id = clusterId();
        log.info("formatting kafka storage (cluster " + id + ") in " + dataDir());
        List<String> command = java(List.of("-Xmx256m"));
        command.addAll(
                List.of(
                        "kafka.tools.StorageTool",
                        "format",
                        "-t",
                        id,
                        "-c",
                        properties.toAbsolutePath().toString(),
                        "--standalone"));
        Path out = dir.resolve("format.log");
        Process format =
                new ProcessBuilder(command)
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(out.toFile())
                        .start();
        if (!format.waitFor(FORMAT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            format.destroyForcibly();
            throw new IllegalStateException(
                    "kafka storage format did not finish in " + FORMAT_TIMEOUT.toSeconds() + " s");
        }
        if (format.exitValue() != 0) {
            throw new IllegalStateException(
                    "kafka storage format failed (exit "
                            + format.exitValue()
                            + "), see "
                            + out
                            + ":\n"
                            + tail(out, 15));
        }
    }

    private static String tail(Path file, int lines) throws IOException {
        List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    private List<String> java(List<String> jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Djava.awt.headless=true");
        command.add("-cp");
        command.add(
                String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList()));
        return command;
    }
}
