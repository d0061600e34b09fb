package org.citylake.testdata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.citylake.model.City;
import org.citylake.model.Feed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the real public data sets into FIWARE feeds: JSON lines, one entity per line, in
 * observation-time order as a live feed would deliver them, plus the ref-table rows the readings
 * refer to.
 *
 * <pre>
 *   &lt;source&gt;/citypulse-aarhus-traffic/     ──▶ &lt;out&gt;/aarhus/traffic.jsonl     (TrafficFlowObserved, keyValues)
 *                                           &lt;out&gt;/aarhus/ref/road_segments.jsonl
 *   &lt;source&gt;/citypulse-aarhus-parking/     ──▶ &lt;out&gt;/aarhus/parking.jsonl     (OffStreetParking, NGSI-LD normalized)
 *                                           &lt;out&gt;/aarhus/ref/parking_lots.jsonl
 *   &lt;source&gt;/uci-beijing-pm25/             ──▶ &lt;out&gt;/beijing/air.jsonl        (AirQualityObserved, NGSI-v2 normalized)
 *                                           &lt;out&gt;/beijing/ref/air_stations.jsonl
 *   &lt;source&gt;/edinburgh-litter-bin-sensors/ ──▶ &lt;out&gt;/edinburgh/waste.jsonl     (WasteContainer + WasteCollection, keyValues)
 *                                           &lt;out&gt;/edinburgh/ref/waste_containers.jsonl
 *   &lt;source&gt;/aarhus-districts/             ──▶ &lt;out&gt;/aarhus/ref/districts.jsonl (reprojected to WGS84)
 *   every city converted                     ──▶ &lt;out&gt;/&lt;city&gt;/ref/cities.jsonl  (its ref.cities row)
 *   &lt;source&gt;/&lt;folder&gt;/cities.jsonl          ──▶ &lt;out&gt;/&lt;city&gt;/ref/cities.jsonl  (a city registered by data,
 *                                                                       e.g. osm-monaco: copied line by line)
 * </pre>
 *
 * The source is either the bundled slices in {@code test-data/} or the full sets (same folder
 * names, files plain or gzipped). A data set whose folder is missing is skipped. Rows are not
 * filtered: duplicates and odd values go into the feed, for the ingest job to judge.
 */
public final class FeedConverter {

    private static final Logger LOG = LoggerFactory.getLogger(FeedConverter.class);

    private static final List<DatasetConverter> CONVERTERS =
            List.of(
                    new AarhusTrafficConverter(),
                    new AarhusParkingConverter(),
                    new BeijingAirConverter(),
                    new EdinburghWasteConverter(),
                    new AarhusDistrictsConverter());

    private FeedConverter() {}

    /**
     * Converts every dataset found under sourceDir; writes {@code <outDir>/<city>/<feed>.jsonl} and
     * {@code <outDir>/<city>/ref/<table>.jsonl}, then each converted city's {@code
     * ref/cities.jsonl}; returns what it wrote.
     *
     * @throws NoSuchFileException when sourceDir is not a directory, or a data set folder lacks a
     *     file it needs
     */
    public static List<ConvertedFile> convertAll(Path sourceDir, Path outDir) throws IOException {
        if (!Files.isDirectory(sourceDir)) {
            throw new NoSuchFileException(
                    sourceDir.toString(), null, "source directory of the data sets does not exist");
        }
        List<ConvertedFile> written = new ArrayList<>();
        Set<City> cities = new LinkedHashSet<>();
        for (DatasetConverter converter : CONVERTERS) {
            Path dir = sourceDir.resolve(converter.folder());
            if (!Files.isDirectory(dir)) {
                LOG.info("skipping {}: no folder {}", converter.city().id(), dir);
                continue;
            }
            List<ConvertedFile> files = converter.convert(dir, outDir);
            files.forEach(f -> LOG.info("wrote {} lines to {}", f.lines(), f.path()));
            written.addAll(files);
            cities.add(converter.city());
        }
        for (City city : cities) {
            written.add(BundledCities.write(city, outDir));
        }
        written.addAll(copyRegistrations(sourceDir, outDir));
        return List.copyOf(written);
    }

    /**
     * Copies the lines of every {@code <sourceDir>/<folder>/cities.jsonl} (a city registered by
     * data, such as Monaco next to its OSM extract) to {@code <outDir>/<city>/ref/cities.jsonl},
     * grouped by their {@code city}; {@code ref load} checks them.
     */
    static List<ConvertedFile> copyRegistrations(Path sourceDir, Path outDir) throws IOException {
        java.util.Map<String, List<String>> byCity = new java.util.TreeMap<>();
        List<Path> files;
        try (var folders = Files.list(sourceDir)) {
            files =
                    folders.map(f -> f.resolve("cities.jsonl"))
                            .filter(Files::isRegularFile)
                            .sorted()
                            .toList();
        }
        for (Path file : files) {
            int n = 0;
            for (String line : Files.readAllLines(file)) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                var city = NgsiJson.MAPPER.readTree(line).get("city");
                if (city == null || !city.isTextual()) {
                    throw new IOException(file + ":" + n + ": a registration needs a \"city\"");
                }
                byCity.computeIfAbsent(city.asText(), k -> new ArrayList<>()).add(line.trim());
            }
        }
        List<ConvertedFile> written = new ArrayList<>();
        for (var e : byCity.entrySet()) {
            Path target = refPath(outDir, e.getKey(), "ref.cities");
            Files.createDirectories(target.getParent());
            Files.write(target, e.getValue());
            LOG.info("wrote {} lines to {}", e.getValue().size(), target);
            written.add(
                    new ConvertedFile(
                            e.getKey(),
                            ConvertedFile.REF,
                            "ref.cities",
                            target,
                            e.getValue().size()));
        }
        return written;
    }

    /** The data set folders the converters read, in conversion order. */
    public static List<String> datasetFolders() {
        return CONVERTERS.stream().map(DatasetConverter::folder).toList();
    }

    /** {@code <outDir>/<city>/<feed>.jsonl} */
    public static Path feedPath(Path outDir, String city, Feed feed) {
        return outDir.resolve(city).resolve(feed.id() + ".jsonl");
    }

    /** {@code <outDir>/<city>/ref/<table>.jsonl} for {@code ref.<table>} */
    public static Path refPath(Path outDir, String city, String refTable) {
        String name = refTable.startsWith("ref.") ? refTable.substring(4) : refTable;
        return outDir.resolve(city).resolve("ref").resolve(name + ".jsonl");
    }
}
