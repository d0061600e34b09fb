package org.citylake.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.lakehouse.config.Profile;
import org.citylake.serving.web.MapData;
import org.citylake.serving.web.MapServer;
import org.citylake.serving.web.WebUsers;
import org.citylake.stack.StackSecrets;
import org.citylake.stack.TrinoService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code citylake serve}: the planners' map and its API, until stopped. */
@Command(
        name = "serve",
        description = {
            "Start the HTTP server: the planners' map of every registered city (streets coloured"
                    + " by a KPI and day, districts, a street's profile and time series) and its"
                    + " JSON API, read from the lake. Runs until stopped (Ctrl-C).",
            "Sign in as planner, analyst or admin. Embedded: the passwords are generated the"
                    + " first time into <data-dir>/serve/users.properties (bcrypt hashes, mode 600)"
                    + " and printed once. --profile stack: Trino's passwords from"
                    + " <data-dir>/stack/secrets.properties.",
            "Plain HTTP on loopback by default; see serving/README.md before exposing it."
        },
        mixinStandardHelpOptions = true)
public final class ServeCommand implements Callable<Integer> {

    @Mixin LakeArgs lakeArgs;

    @Option(
            names = "--port",
            paramLabel = "N",
            description = "TCP port (default ${DEFAULT-VALUE}; 0 picks a free one).")
    int port = MapServer.Settings.DEFAULT_PORT;

    @Option(
            names = "--bind",
            paramLabel = "ADDR",
            description = "Address to listen on (default ${DEFAULT-VALUE}, loopback only).")
    String bind = MapServer.Settings.DEFAULT_BIND;

    @Option(
            names = "--allow-remote",
            description =
                    "Allow a --bind address that is not loopback; only behind a TLS reverse proxy"
                            + " (the server speaks plain HTTP and then trusts the proxy's"
                            + " X-Forwarded-Proto/-Host headers).")
    boolean allowRemote;

    @Override
    public Integer call() throws Exception {
        MapServer.Settings settings = new MapServer.Settings(bind, port, allowRemote);
        LakeConfig config = lakeArgs.load();
        PrintStream out = System.out;
        try (Lake lake = Lake.open(config)) {
            WebUsers users;
            String source;
            if (config.profile() == Profile.STACK) {
                StackSecrets secrets = StackSecrets.loadOrCreate(config.stackDir());
                Map<String, String> passwords = new LinkedHashMap<>();
                for (String user : WebUsers.USERS) {
                    secrets.find(TrinoService.passwordSecret(user))
                            .ifPresent(p -> passwords.put(user, p));
                }
                users = WebUsers.ofPasswords(passwords);
                source =
                        "Trino's passwords, "
                                + config.stackDir().resolve(StackSecrets.FILE)
                                + " (written by `citylake stack up`)";
            } else {
                WebUsers.Loaded loaded = WebUsers.loadOrCreate(config.dataDir());
                users = loaded.users();
                source = "bcrypt hashes in " + loaded.file();
                if (!loaded.generated().isEmpty()) {
                    out.println(
                            "serve: generated passwords (shown this once; only their bcrypt"
                                    + " hashes are kept, in "
                                    + loaded.file()
                                    + ", mode 600):");
                    loaded.generated()
                            .forEach(
                                    (user, password) -> out.println("  " + user + "  " + password));
                    out.println(
                            "  forgot one? delete that user's line from the file and run serve"
                                    + " again for a new one");
                }
            }
            try (MapServer server =
                    MapServer.start(
                            settings,
                            users,
                            new MapData(lake),
                            source,
                            java.util.List.of(
                                    new org.citylake.exchange.web.ExchangeRoutes(lake)))) {
                out.println(
                        "serve: the planners' map on http://"
                                + (bind.contains(":") ? "[" + bind + "]" : bind)
                                + ":"
                                + server.port()
                                + "/ (users planner, analyst, admin; passwords: "
                                + source
                                + ")");
                out.flush();
                java.util.concurrent.ScheduledExecutorService auditor =
                        config.profile() == Profile.STACK ? trinoAuditor(lake, config) : null;
                CountDownLatch stopped = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
                try {
                    stopped.await();
                } finally {
                    if (auditor != null) {
                        auditor.shutdownNow();
                    }
                }
            }
        }
        return 0;
    }

    /**
     * Every 30 s, copies the buyers' Trino queries into exchange.audit ({@link
     * org.citylake.exchange.buyer.TrinoQueryAudit}); a failure is reported once per kind and
     * retried at the next tick.
     */
    private static java.util.concurrent.ScheduledExecutorService trinoAuditor(
            Lake lake, LakeConfig config) {
        java.util.concurrent.ScheduledExecutorService auditor =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "exchange-trino-audit");
                            t.setDaemon(true);
                            return t;
                        });
        java.util.Set<String> reported = java.util.concurrent.ConcurrentHashMap.newKeySet();
        auditor.scheduleWithFixedDelay(
                () -> {
                    try {
                        org.citylake.exchange.buyer.TrinoQueryAudit.sync(
                                lake,
                                org.citylake.serving.TrinoClient.fromConfig(config),
                                ExchangeCommand.products(config));
                    } catch (Exception e) {
                        String kind = e.getClass().getSimpleName();
                        if (reported.add(kind)) {
                            System.err.println(
                                    "serve: could not copy the buyers' Trino queries into"
                                            + " exchange.audit ("
                                            + e.getMessage()
                                            + "); retrying every 30 s. Is the stack up?"
                                            + " `citylake stack status`");
                        }
                    }
                },
                5,
                30,
                java.util.concurrent.TimeUnit.SECONDS);
        return auditor;
    }
}
