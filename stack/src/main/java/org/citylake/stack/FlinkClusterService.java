package org.citylake.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.citylake.lakehouse.config.LakeOptions;

/**
 * A standalone Flink session cluster: a JobManager and a TaskManager, each its own JVM, run from
 * the Flink module jars (there is no flink-dist distribution to unpack). The job jar CityLake
 * builds is submitted to it over REST, the same jar the embedded MiniCluster runs.
 */
public final class FlinkClusterService implements Service, Stack.ClientSettings {

    static final String FLINK_VERSION = "2.1.1";
    static final String LOG4J_VERSION = "2.24.3";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    /** What flink-dist's scripts pass to JVMs on Java 17: Flink reflects into these packages. */
    static final List<String> JAVA_17_OPENS =
            List.of(
                    "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang=ALL-UNNAMED",
                    "--add-opens=java.base/java.net=ALL-UNNAMED",
                    "--add-opens=java.base/java.io=ALL-UNNAMED",
                    "--add-opens=java.base/java.nio=ALL-UNNAMED",
                    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                    "--add-opens=java.base/java.text=ALL-UNNAMED",
                    "--add-opens=java.base/java.time=ALL-UNNAMED",
                    "--add-opens=java.base/java.util=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    private final StackContext context;
    private final int restPort;
    private final Path dir;
    private final ManagedProcess jobManager;
    private final ManagedProcess taskManager;
    private List<Path> classpath;

    public FlinkClusterService(StackContext context) {
        this.context = context;
        this.restPort = context.port(LakeOptions.FLINK_PORT);
        this.dir = context.serviceDir("flink");
        this.jobManager = new ManagedProcess("flink-jobmanager", dir);
        this.taskManager = new ManagedProcess("flink-taskmanager", dir);
    }

    @Override
    public String name() {
        return "flink";
    }

    @Override
    public int port() {
        return restPort;
    }

    public String restAddress() {
        return "http://" + Ports.LOOPBACK + ":" + restPort;
    }

    @Override
    public void install(StackLog log) throws Exception {
        if (classpath == null) {
            List<String> modules = new ArrayList<>();
            for (String module :
                    List.of(
                            "flink-runtime",
                            "flink-runtime-web",
                            "flink-clients",
                            "flink-streaming-java",
                            "flink-table-runtime",
                            "flink-connector-base",
                            "flink-connector-files")) {
                modules.add("org.apache.flink:" + module + ":" + FLINK_VERSION);
            }
            modules.add("org.apache.logging.log4j:log4j-slf4j-impl:" + LOG4J_VERSION);
            modules.add("org.apache.logging.log4j:log4j-core:" + LOG4J_VERSION);
            classpath = context.maven().classpath("flink-cluster", modules);
        }
    }

    @Override
    public void start(StackLog log) throws Exception {
        if (jobManager.isRunning() && taskManager.isRunning()) {
            Waits.until("flink", START_TIMEOUT, this::health, taskManager);
            return;
        }
        // A half-started cluster is restarted whole.
        stop(log);
        List<Integer> ports = List.of(restPort, restPort + 1, restPort + 2, restPort + 3);
        for (int port : ports) {
            Ports.requireFree(
                    port, "flink (REST port and the next three)", LakeOptions.FLINK_PORT.key());
        }
        install(log);
        Path conf = writeConfig();
        long jm =
                jobManager.start(
                        command(
                                conf,
                                "GET_JM_RESOURCE_PARAMS",
                                "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                                "jobmanager"),
                        Map.of("FLINK_CONF_DIR", conf.toString()),
                        dir);
        long tm =
                taskManager.start(
                        command(
                                conf,
                                "GET_TM_RESOURCE_PARAMS",
                                "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                                "taskmanager"),
                        Map.of("FLINK_CONF_DIR", conf.toString()),
                        dir);
        log.info("flink jobmanager (pid " + jm + ") and taskmanager (pid " + tm + ") started");
        Waits.until("flink", START_TIMEOUT, this::health, taskManager);
    }

    /**
     * Starts a TaskManager for a running JobManager when none runs (e.g. after the TaskManager JVM
     * died); jobs with a restart strategy then recover onto its slots. It listens on a fresh
     * loopback RPC port, and this returns its PID once it has registered with the JobManager.
     */
    public long startTaskManager(StackLog log) throws Exception {
        OptionalLong running = taskManager.pid();
        if (running.isPresent()) {
            return running.getAsLong();
        }
        if (!jobManager.isRunning()) {
            throw new IllegalStateException(
                    "no Flink jobmanager runs from " + dir + "; start the cluster first");
        }
        install(log);
        // A fresh RPC address: the JobManager may still hold the dead TaskManager's address
        // (registered until its heartbeat times out, its remote association gated), and a new
        // TaskManager at the very same address can fail to register behind it.
        int rpcPort = Ports.free();
        List<String> command =
                command(
                        dir.resolve("conf"),
                        "GET_TM_RESOURCE_PARAMS",
                        "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                        "taskmanager");
        command.add("-D");
        command.add("taskmanager.rpc.port=" + rpcPort);
        long tm =
                taskManager.start(
                        command, Map.of("FLINK_CONF_DIR", dir.resolve("conf").toString()), dir);
        log.info("flink taskmanager (pid " + tm + ", rpc port " + rpcPort + ") started");
        // Healthy when this TaskManager has registered, not when the dead one still counts.
        Waits.until("flink taskmanager", START_TIMEOUT, () -> registered(rpcPort), taskManager);
        return tm;
    }

    /** GET {@code path} of the cluster's REST API, as JSON (3 s timeout). */
    private JsonNode rest(String path) throws IOException, InterruptedException {
        HttpResponse<String> response =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(restAddress() + path))
                                        .timeout(Duration.ofSeconds(3))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(response.body());
    }

    /** Up when a TaskManager at loopback RPC port {@code rpcPort} is registered. */
    Health registered(int rpcPort) {
        try {
            for (JsonNode t : rest("/taskmanagers").path("taskmanagers")) {
                // ids are <host>:<rpc port>-<random>, e.g. localhost:40783-a5c80d
                if (t.path("id").asText().contains(":" + rpcPort + "-")) {
                    return Health.up("taskmanager " + t.path("id").asText() + " registered");
                }
            }
            return Health.down("no taskmanager at rpc port " + rpcPort + " registered yet");
        } catch (Exception e) {
            return Health.down("REST /taskmanagers failed: " + e.getMessage());
        }
    }

    /**
     * The JVM command: memory flags and dynamic properties computed by Flink's own BashJavaUtils.
     */
    private List<String> command(Path conf, String resourceQuery, String mainClass, String role)
            throws IOException, InterruptedException {
        List<String> resources = resourceParams(conf, resourceQuery);
        List<String> command = new ArrayList<>();
        command.add(javaBin());
        command.addAll(Arrays.asList(resources.get(0).trim().split("\\s+")));
        command.addAll(JAVA_17_OPENS);
        command.add("-Dlog.file=" + dir.resolve(role + ".flink.log"));
        command.add("-Dlog4j.configurationFile=" + conf.resolve("log4j.properties").toUri());
        command.add("-cp");
        command.add(classpathString());
        command.add(mainClass);
        command.add("--configDir");
        command.add(conf.toString());
        command.addAll(Arrays.asList(resources.get(1).trim().split("\\s+")));
        return command;
    }

    private List<String> resourceParams(Path conf, String query)
            throws IOException, InterruptedException {
        Process process =
                new ProcessBuilder(
                                javaBin(),
                                "-cp",
                                classpathString(),
                                "org.apache.flink.runtime.util.bash.BashJavaUtils",
                                query,
                                "--configDir",
                                conf.toString())
                        .redirectErrorStream(true)
                        .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        List<String> results = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.startsWith("BASH_JAVA_UTILS_EXEC_RESULT:")) {
                results.add(line.substring("BASH_JAVA_UTILS_EXEC_RESULT:".length()));
            }
        }
        if (results.size() < 2) {
            throw new IllegalStateException(
                    "Flink could not compute the " + query + " memory settings:\n" + output);
        }
        return results.subList(results.size() - 2, results.size());
    }

    /** Flink 2 config.yaml: loopback only, ports derived from the REST port. */
    Path writeConfig() throws IOException {
        Path conf = dir.resolve("conf");
        Files.createDirectories(conf);
        String yaml =
                String.join(
                        "\n",
                        "# written by citylake stack; edits are overwritten on start",
                        "jobmanager.rpc.address: localhost",
                        "jobmanager.rpc.port: " + (restPort + 1),
                        "jobmanager.bind-host: localhost",
                        "jobmanager.memory.process.size: 1024m",
                        "taskmanager.host: localhost",
                        "taskmanager.bind-host: localhost",
                        "taskmanager.rpc.port: " + (restPort + 2),
                        "taskmanager.numberOfTaskSlots: 2",
                        "taskmanager.memory.process.size: 2048m",
                        // A TaskManager that died is declared lost after two failed heartbeat
                        // RPCs: 2 x 2 s instead of 2 x 10 s, so jobs recover quickly.
                        "heartbeat.interval: 2000",
                        "heartbeat.timeout: 30000",
                        "blob.server.port: " + (restPort + 3),
                        "rest.address: localhost",
                        "rest.bind-address: 127.0.0.1",
                        "rest.port: " + restPort,
                        "web.submit.enable: true",
                        "web.upload.dir: " + dir.resolve("uploads"),
                        "io.tmp.dirs: " + dir.resolve("tmp"),
                        "");
        Files.writeString(conf.resolve("config.yaml"), yaml, StandardCharsets.UTF_8);
        Files.writeString(
                conf.resolve("log4j.properties"),
                String.join(
                        "\n",
                        "rootLogger.level = INFO",
                        "rootLogger.appenderRef.file.ref = file",
                        "appender.file.type = File",
                        "appender.file.name = file",
                        "appender.file.fileName = ${sys:log.file}",
                        "appender.file.layout.type = PatternLayout",
                        "appender.file.layout.pattern = %d{HH:mm:ss,SSS} %-5p %c{1} - %m%n",
                        ""),
                StandardCharsets.UTF_8);
        Files.createDirectories(dir.resolve("uploads"));
        Files.createDirectories(dir.resolve("tmp"));
        return conf;
    }

    @Override
    public Health health() {
        if (!Ports.isOpen(restPort)) {
            return Health.down("nothing listens on " + restAddress());
        }
        try {
            JsonNode overview = rest("/overview");
            int taskManagers = overview.path("taskmanagers").asInt();
            int slots = overview.path("slots-total").asInt();
            return taskManagers > 0
                    ? Health.up(
                            taskManagers
                                    + " taskmanager(s), "
                                    + overview.path("slots-available").asInt()
                                    + "/"
                                    + slots
                                    + " slots free, "
                                    + overview.path("jobs-running").asInt()
                                    + " job(s) running")
                    : Health.down("no taskmanager registered yet");
        } catch (Exception e) {
            return Health.down("REST /overview failed: " + e.getMessage());
        }
    }

    @Override
    public void stop(StackLog log) throws Exception {
        for (ManagedProcess process : List.of(taskManager, jobManager)) {
            OptionalLong pid = process.pid();
            if (process.stop(STOP_GRACE)) {
                log.info(
                        process.logFile().getFileName().toString().replace(".log", "")
                                + " stopped (pid "
                                + pid.orElse(-1)
                                + ")");
            }
        }
    }

    /** The JobManager's PID; the TaskManager's is {@link #taskManagerPid}. */
    @Override
    public OptionalLong pid() {
        return jobManager.pid();
    }

    public OptionalLong taskManagerPid() {
        return taskManager.pid();
    }

    @Override
    public Map<String, String> clientSettings() {
        return Map.of(LakeOptions.FLINK_REST.key(), restAddress());
    }

    private String classpathString() {
        return String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList());
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
