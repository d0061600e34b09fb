package org.citylake.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.citylake.analytics.job.TextTable;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.tables.DataDictionary;
import org.citylake.lakehouse.tables.TableDef;
import org.citylake.lakehouse.tables.TableRegistry;
import org.citylake.model.feed.FeedCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code citylake describe <table> | --all}: columns, types, units and meanings. */
@Command(
        name = "describe",
        description = {
            "A table's columns: type, unit, meaning and source (the FIWARE attribute or the"
                    + " formula), as the lake's Iceberg column docs hold them (Trino's DESCRIBE"
                    + " shows the same). Reads only.",
            "--all prints the data dictionary of every table the lake defines (it needs no lake);"
                    + " `citylake describe --all --format markdown > docs/data-dictionary.md`"
                    + " regenerates the committed one."
        },
        mixinStandardHelpOptions = true)
public final class DescribeCommand implements Callable<Integer> {

    @Mixin LakeArgs lakeArgs;

    @Parameters(
            paramLabel = "TABLE",
            arity = "0..1",
            description = "namespace.table, e.g. clean.traffic_flow")
    String table;

    @Option(names = "--all", description = "every table the lake defines")
    boolean all;

    @Option(
            names = "--format",
            defaultValue = "table",
            description = "table, csv, or markdown (with --all)")
    String format;

    @Override
    public Integer call() throws Exception {
        String fmt = format.toLowerCase(Locale.ROOT);
        if (!List.of("table", "csv", "markdown").contains(fmt)) {
            throw new IllegalArgumentException(
                    "--format " + format + ": give table, csv or markdown");
        }
        if (all == (table != null)) {
            throw new IllegalArgumentException(
                    "give one table (citylake describe clean.traffic_flow) or --all");
        }
        if (all) {
            List<TableDef> defs =
                    TableRegistry.of(FeedCatalog.forDataDir(lakeArgs.load().dataDir())).all();
            if (fmt.equals("markdown")) {
                System.out.print(DataDictionary.markdown(defs));
                return 0;
            }
            List<List<String>> rows = new ArrayList<>();
            for (TableDef def : defs) {
                for (DataDictionary.Column c : DataDictionary.columns(def.schema())) {
                    rows.add(List.of(def.name(), c.name(), c.type(), c.unit(), c.doc()));
                }
            }
            TextTable.print(
                    System.out,
                    List.of("table", "column", "type", "unit", "meaning and source"),
                    rows,
                    fmt.equals("csv"));
            return 0;
        }
        if (fmt.equals("markdown")) {
            throw new IllegalArgumentException("--format markdown goes with --all");
        }
        try (Lake lake = Lake.openExisting(lakeArgs.load())) {
            String name = table.toLowerCase(Locale.ROOT).replace("`", "");
            LakeTables known = LakeTables.of(lake.catalog());
            String problem = known.problem(name).orElse(null);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            Table iceberg = lake.catalog().loadTable(TableIdentifier.parse(name));
            List<List<String>> rows = new ArrayList<>();
            for (DataDictionary.Column c : DataDictionary.columns(iceberg.schema())) {
                rows.add(
                        List.of(
                                c.name(),
                                c.type() + (c.required() ? " not null" : ""),
                                c.unit(),
                                c.doc()));
            }
            boolean csv = fmt.equals("csv");
            if (!csv) {
                String comment = iceberg.properties().get("comment");
                System.out.println(name + (comment == null ? "" : ": " + comment));
            }
            TextTable.print(
                    System.out, List.of("column", "type", "unit", "meaning and source"), rows, csv);
        }
        return 0;
    }
}
