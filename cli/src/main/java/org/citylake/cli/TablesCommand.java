package org.citylake.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.citylake.analytics.job.TextTable;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.LakeStatus;
import org.citylake.lakehouse.LakeStatus.TableStatus;
import org.citylake.lakehouse.tables.TableDef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code citylake tables [--namespace N]}: the lake's tables with rows, snapshot, watermark. */
@Command(
        name = "tables",
        description = {
            "The lake's tables: rows, last snapshot, last commit and recorded event-time"
                    + " watermark, and what each holds. Reads only.",
            "`citylake describe <table>` shows a table's columns, units and meanings."
        },
        mixinStandardHelpOptions = true)
public final class TablesCommand implements Callable<Integer> {

    @Mixin LakeArgs lakeArgs;

    @Option(
            names = "--namespace",
            paramLabel = "N",
            description = "only the tables of this namespace: raw, clean, ref, gold or ops")
    String namespace;

    @Option(names = "--format", defaultValue = "table", description = "table or csv")
    String format;

    @Override
    public Integer call() throws Exception {
        try (Lake lake = Lake.openExisting(lakeArgs.load())) {
            List<TableDef> defs =
                    lake.registry().all().stream()
                            .filter(
                                    d ->
                                            namespace == null
                                                    || d.id().namespace()
                                                            .toString()
                                                            .equals(namespace))
                            .toList();
            if (defs.isEmpty()) {
                throw new IllegalArgumentException(
                        "no namespace '"
                                + namespace
                                + "'; the namespaces are "
                                + lake.registry().all().stream()
                                        .map(d -> d.id().namespace().toString())
                                        .distinct()
                                        .toList());
            }
            boolean csv = "csv".equalsIgnoreCase(format);
            List<List<String>> rows = new ArrayList<>();
            for (TableDef def : defs) {
                TableStatus t = LakeStatus.table(lake, def.name());
                rows.add(
                        List.of(
                                t.table(),
                                t.exists() ? String.valueOf(t.rows()) : "missing",
                                t.snapshotId().map(String::valueOf).orElse("-"),
                                t.lastCommit().map(Object::toString).orElse("-"),
                                t.watermark().map(Object::toString).orElse("-"),
                                csv ? def.description() : shortened(def.description())));
            }
            TextTable.print(
                    System.out,
                    List.of("table", "rows", "snapshot", "last commit", "watermark", "holds"),
                    rows,
                    csv);
        }
        return 0;
    }

    /** A description cut to one screen column; csv keeps it whole. */
    private static String shortened(String description) {
        return description.length() <= 60 ? description : description.substring(0, 59) + "…";
    }
}
