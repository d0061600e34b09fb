package org.citylake.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.citylake.analytics.job.TextTable;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.LakeStatus;
import org.citylake.lakehouse.LakeStatus.TableStatus;
import org.citylake.lakehouse.config.LakeConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code citylake lakehouse init|status|maintain}. */
@Command(
        name = "lakehouse",
        description = "Create the lake's tables, show what is in them, or maintain them.",
        mixinStandardHelpOptions = true,
        subcommands = {
            LakehouseCommand.Init.class,
            LakehouseCommand.Status.class,
            LakehouseMaintain.class
        })
public final class LakehouseCommand {

    @Command(
            name = "init",
            description =
                    "Create every raw, clean, ref, gold and ops table that does not exist yet, the"
                            + " tables of every feed descriptor included, and bring existing ones"
                            + " in line in place: columns renamed since, optional columns a"
                            + " descriptor added (Iceberg schema evolution: no data file rewritten,"
                            + " no row lost; each change is printed). Idempotent.",
            mixinStandardHelpOptions = true)
    static final class Init implements Callable<Integer> {
        @Mixin LakeArgs lakeArgs;

        @Override
        public Integer call() throws Exception {
            LakeConfig config = lakeArgs.load();
            try (Lake lake = Lake.open(config)) {
                List<String> changes = new java.util.ArrayList<>();
                List<String> created = lake.init(changes::add);
                System.out.printf(
                        "lake (%s profile, catalog '%s', %s): %d tables created%s%n",
                        config.profile().id(),
                        config.catalogName(),
                        config.catalogProperties().get("warehouse"),
                        created.size(),
                        created.isEmpty()
                                ? ", all already existed"
                                : ": " + String.join(", ", created));
                changes.forEach(change -> System.out.println("  evolved " + change));
            }
            if (config.profile() == org.citylake.lakehouse.config.Profile.STACK) {
                System.out.println(
                        "Trino views: "
                                + String.join(
                                        ", ",
                                        org.citylake.serving.AnalystViews.create(
                                                org.citylake.serving.TrinoClient.fromConfig(
                                                        config))));
            }
            return 0;
        }
    }

    @Command(
            name = "status",
            description =
                    "Per table: rows, data files, last snapshot, recorded event-time watermark; "
                            + "then dead letters by feed and reason. Reads only: a data dir"
                            + " without a lake is an error (run `citylake lakehouse init`).",
            mixinStandardHelpOptions = true)
    static final class Status implements Callable<Integer> {
        @Mixin LakeArgs lakeArgs;

        @Option(names = "--format", defaultValue = "table", description = "table or csv")
        String format;

        @Override
        public Integer call() throws Exception {
            try (Lake lake = Lake.openExisting(lakeArgs.load())) {
                printStatus(lake, "csv".equals(format));
            }
            return 0;
        }
    }

    static void printStatus(Lake lake, boolean csv) {
        List<List<String>> rows = new ArrayList<>();
        for (TableStatus t : LakeStatus.tables(lake)) {
            rows.add(
                    List.of(
                            t.table(),
                            t.exists() ? String.valueOf(t.rows()) : "missing",
                            String.valueOf(t.files()),
                            t.snapshotId().map(String::valueOf).orElse("-"),
                            t.lastCommit().map(Object::toString).orElse("-"),
                            t.watermark().map(Object::toString).orElse("-")));
        }
        TextTable.print(
                System.out,
                List.of("table", "rows", "files", "snapshot", "last commit", "watermark"),
                rows,
                csv);
        List<List<String>> cityRows = new ArrayList<>();
        for (TableStatus t : LakeStatus.tables(lake)) {
            t.cityWatermarks()
                    .forEach(
                            (city, watermark) ->
                                    cityRows.add(List.of(city, t.table(), watermark.toString())));
        }
        if (!cityRows.isEmpty()) {
            // per city: what analytics treat as complete for that city
            cityRows.sort(java.util.Comparator.comparing((List<String> r) -> r.get(0)));
            System.out.println();
            TextTable.print(System.out, List.of("city", "table", "watermark"), cityRows, csv);
        }
        Map<String, Long> dead = LakeStatus.deadLettersByReason(lake);
        System.out.println();
        if (dead.isEmpty()) {
            System.out.println("dead letters: none");
            return;
        }
        List<List<String>> deadRows = new ArrayList<>();
        dead.forEach(
                (feedReason, count) -> {
                    String[] parts = feedReason.split("/", 2);
                    deadRows.add(List.of(parts[0], parts[1], String.valueOf(count)));
                });
        TextTable.print(System.out, List.of("feed", "reason", "dead letters"), deadRows, csv);
    }
}
