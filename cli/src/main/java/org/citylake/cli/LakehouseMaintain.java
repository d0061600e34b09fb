package org.citylake.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.citylake.analytics.job.TextTable;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.maintenance.Maintenance;
import org.citylake.lakehouse.tables.TableDef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code citylake lakehouse maintain}: compaction and snapshot expiry. */
@Command(
        name = "maintain",
        description = {
            "Compact small data files and expire old snapshots of every table (or --table), with"
                    + " Iceberg's own actions; safe while the ingest runs, no row changes.",
            "Compaction rewrites the partitions (of --city, when given) that hold two or more"
                    + " files under --target-file-mb into files of about that size. Expiry"
                    + " removes snapshots older than --expire-days beyond the last --retain-last,"
                    + " and the files only they referenced: a report, street profile or release"
                    + " naming an expired snapshot can no longer be read again at it.",
            "Example: citylake lakehouse maintain --city aarhus"
        },
        mixinStandardHelpOptions = true)
final class LakehouseMaintain implements Callable<Integer> {

    @Mixin LakeArgs lakeArgs;

    @Option(
            names = "--table",
            split = ",",
            paramLabel = "NS.TABLE",
            description = "Only these tables (default: every table of the lake).")
    List<String> tables;

    @Option(
            names = "--city",
            paramLabel = "CITY",
            description = "Compact only this city's partitions (expiry is per table).")
    String city;

    @Option(
            names = "--target-file-mb",
            defaultValue = "128",
            paramLabel = "MB",
            description = "Size of the compacted files (default ${DEFAULT-VALUE}).")
    long targetMb;

    @Option(
            names = "--expire-days",
            defaultValue = "30",
            paramLabel = "DAYS",
            description =
                    "Expire snapshots older than this many days (default ${DEFAULT-VALUE}); 0"
                            + " keeps every snapshot.")
    int expireDays;

    @Option(
            names = "--retain-last",
            defaultValue = "10",
            paramLabel = "N",
            description = "Always keep the last N snapshots of a table (default ${DEFAULT-VALUE}).")
    int retainLast;

    @Override
    public Integer call() throws Exception {
        if (targetMb < 1 || expireDays < 0 || retainLast < 1) {
            throw new IllegalArgumentException(
                    "--target-file-mb and --retain-last must be at least 1, --expire-days at least"
                            + " 0");
        }
        Instant cutoff = expireDays == 0 ? null : Instant.now().minus(Duration.ofDays(expireDays));
        List<List<String>> rows = new ArrayList<>();
        try (Lake lake = Lake.open(lakeArgs.load())) {
            List<String> names = new ArrayList<>();
            if (tables == null || tables.isEmpty()) {
                for (TableDef def : lake.registry().all()) {
                    if (lake.catalog().tableExists(TableIdentifier.parse(def.name()))) {
                        names.add(def.name());
                    }
                }
            } else {
                for (String name : tables) {
                    if (!lake.catalog().tableExists(TableIdentifier.parse(name))) {
                        throw new IllegalArgumentException(
                                "no table "
                                        + name
                                        + " in the lake; `citylake lakehouse status`"
                                        + " lists them");
                    }
                    names.add(name);
                }
            }
            for (String name : names) {
                Table table = lake.table(name);
                Maintenance.Result r =
                        Maintenance.maintain(
                                table,
                                Maintenance.cityFilter(table, city),
                                targetMb * 1024 * 1024,
                                cutoff,
                                retainLast);
                rows.add(
                        List.of(
                                name,
                                String.valueOf(r.filesBefore()),
                                String.valueOf(r.filesAfter()),
                                String.valueOf(r.filesRewritten()),
                                String.valueOf(r.snapshotsBefore()),
                                String.valueOf(r.snapshotsAfter())));
            }
        }
        TextTable.print(
                System.out,
                List.of(
                        "table",
                        "files before",
                        "files after",
                        "files rewritten",
                        "snapshots before",
                        "snapshots after"),
                rows,
                false);
        return 0;
    }
}
