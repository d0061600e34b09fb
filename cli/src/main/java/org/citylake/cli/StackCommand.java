package org.citylake.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.citylake.analytics.job.TextTable;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.stack.Stack;
import org.citylake.stack.StackContext;
import org.citylake.stack.StackLog;
import org.citylake.stack.StackServices;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code citylake stack up|down|status}. */
@Command(
        name = "stack",
        description = {
            "The real servers on loopback: PostgreSQL (Iceberg catalog), S3Proxy (warehouse),"
                    + " Kafka (feeds), Trino (SQL over HTTPS with passwords and access control),"
                    + " optionally a Flink cluster.",
            "Installs what is missing (PostgreSQL from Debian; the rest from Maven Central into"
                    + " a local cache), starts each as its own process with a PID file under"
                    + " <data-dir>/stack and waits until it is healthy. Ports: citylake.stack.*-port."
        },
        mixinStandardHelpOptions = true,
        subcommands = {StackCommand.Up.class, StackCommand.Down.class, StackCommand.Status.class})
public final class StackCommand {

    static Stack stack(LakeConfig config, boolean withFlink, StackLog log) throws Exception {
        return StackServices.of(
                StackContext.of(config, log),
                withFlink,
                org.citylake.exchange.buyer.TrinoGrants.rules(config));
    }

    @Command(
            name = "up",
            description =
                    "Install what is missing, start every service that is not running, wait for"
                            + " health, write the stack profile's settings. Idempotent.",
            mixinStandardHelpOptions = true)
    static final class Up implements Callable<Integer> {
        @Mixin LakeArgs lakeArgs;

        @Option(names = "--flink", description = "Also start a Flink JobManager and TaskManager.")
        boolean flink;

        @Override
        public Integer call() throws Exception {
            StackLog log = StackLog.to(System.err);
            Stack stack = stack(lakeArgs.load(), flink, log);
            stack.up(log);
            Status.print(stack);
            return 0;
        }
    }

    @Command(
            name = "down",
            description =
                    "Stop the services `stack up` started (by PID), in reverse order. Data is kept"
                            + " unless --purge.",
            mixinStandardHelpOptions = true)
    static final class Down implements Callable<Integer> {
        @Mixin LakeArgs lakeArgs;

        @Option(
                names = "--purge",
                description = "Also delete the stack's data: catalog, warehouse bucket, topics.")
        boolean purge;

        @Override
        public Integer call() throws Exception {
            StackLog log = StackLog.to(System.err);
            LakeConfig config = lakeArgs.load();
            Stack stack = stack(config, true, log);
            stack.down(log);
            if (purge) {
                java.nio.file.Path dir = stack.context().stackDir();
                log.info("purging " + dir);
                org.citylake.lakehouse.io.FileTrees.delete(dir);
            }
            return 0;
        }
    }

    @Command(
            name = "status",
            description = "Each service: port, PID and a live health check.",
            mixinStandardHelpOptions = true)
    static final class Status implements Callable<Integer> {
        @Mixin LakeArgs lakeArgs;

        @Override
        public Integer call() throws Exception {
            Stack stack = stack(lakeArgs.load(), true, StackLog.quiet());
            return print(stack) ? 0 : 3;
        }

        /** Prints the table; true when every started service is healthy. */
        static boolean print(Stack stack) {
            List<Map<String, String>> rows = stack.status();
            List<String> header = List.of("service", "port", "pid", "health", "detail");
            List<List<String>> cells = new ArrayList<>();
            boolean allUp = true;
            for (Map<String, String> row : rows) {
                if ("flink".equals(row.get("service")) && "-".equals(row.get("pid"))) {
                    continue; // optional (stack up --flink); not started is not unhealthy
                }
                cells.add(new ArrayList<>(row.values()));
                allUp &= "up".equals(row.get("health"));
            }
            TextTable.print(System.out, header, cells, false);
            return allUp;
        }
    }
}
