package org.citylake.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code citylake profile export}. */
@Command(
        name = "profile",
        description =
                "The street profile (gold.street_profile, built by `citylake run profile`): one row"
                        + " per road segment per day.",
        mixinStandardHelpOptions = true,
        subcommands = ProfileCommand.Export.class)
public final class ProfileCommand {

    /** The formats of {@code profile export}. */
    enum Format {
        geojson,
        geoparquet
    }

    @Command(
            name = "export",
            description = {
                "Write one city's day of gold.street_profile, with the segments' geometries, for GIS"
                        + " tools:",
                "  geojson     a FeatureCollection, a feature per road segment (id = segment_id),"
                        + " every column a property; lon/lat WGS84 (RFC 7946)",
                "  geoparquet  GeoParquet 1.1: the columns and a `geometry` column of WKB with the"
                        + " `geo` file metadata (lon/lat WGS84, OGC:CRS84); opens in QGIS, GDAL,"
                        + " DuckDB, GeoPandas",
                "The rows are read at the table's current snapshot, which the command prints and"
                        + " the GeoParquet file records (`citylake.source`).",
                "Example: citylake profile export --city aarhus --day 2014-08-18 --format geojson"
                        + " --out aarhus-2014-08-18.geojson"
            },
            mixinStandardHelpOptions = true)
    static final class Export implements Callable<Integer> {
        @Mixin LakeArgs lakeArgs;

        @Option(names = "--city", required = true, paramLabel = "CITY", description = "City id.")
        String city;

        @Option(
                names = "--day",
                required = true,
                paramLabel = "D",
                description = "The local day, e.g. 2014-08-18.")
        LocalDate day;

        @Option(
                names = "--format",
                required = true,
                paramLabel = "F",
                description = "geojson or geoparquet.")
        Format format;

        @Option(
                names = "--out",
                required = true,
                paramLabel = "FILE",
                description = "File to write.")
        Path out;

        @Override
        public Integer call() throws Exception {
            ProfileExport.Day rows = ProfileExport.read(lakeArgs.load(), city, day);
            switch (format) {
                case geojson -> ProfileExport.writeGeoJson(rows, out);
                case geoparquet -> ProfileExport.writeGeoParquet(rows, out);
            }
            System.out.printf(
                    "%s %s: %,d road segments from %s written to %s (%s)%n",
                    city, day, rows.rows().size(), ProfileExport.sourceOf(rows), out, format);
            return 0;
        }
    }
}
