package org.citylake.ref;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types.NestedField;
import org.citylake.lakehouse.CityTable;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.RefTableWriter;
import org.citylake.lakehouse.tables.TableRegistry;
import org.citylake.model.City;
import org.citylake.model.UnknownCityException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads reference data ({@code <feeds>/<city>/ref/<table>.jsonl}, one JSON object per asset whose
 * keys are the ref table's columns) into the {@code ref} tables, replacing each city's rows
 * atomically; then recomputes the city's {@code ref.segment_districts} from its road segments and
 * districts ({@link SegmentDistrictsRefresh}) in the city's CRS.
 *
 * <p>A city's {@code cities.jsonl} ({@link CitiesFile}) is loaded first: it registers the city in
 * {@code ref.cities}. The assets of a city that is not registered are loaded too, but its segments
 * are not placed in districts (there is no CRS to measure them in) until it is.
 */
public final class RefLoader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(RefLoader.class);

    private RefLoader() {}

    /** Returns rows loaded per table, e.g. {@code "ref.road_segments (aarhus)" → 449}. */
    public static Map<String, Integer> loadAll(Lake lake, Path feedsDir) throws IOException {
        return loadAll(lake, feedsDir, LOG::warn);
    }

    /**
     * As {@link #loadAll(Lake, Path)}; what could not be done (a city's districts not assigned
     * because the city is not registered) is told to {@code notes}.
     */
    public static Map<String, Integer> loadAll(Lake lake, Path feedsDir, Consumer<String> notes)
            throws IOException {
        Map<String, Integer> loaded = new LinkedHashMap<>();
        if (!Files.isDirectory(feedsDir)) {
            throw new IllegalArgumentException("feeds directory " + feedsDir + " does not exist");
        }
        try (Stream<Path> cities = Files.list(feedsDir).sorted()) {
            for (Path cityDir : cities.toList()) {
                Path refDir = cityDir.resolve("ref");
                if (!Files.isDirectory(refDir)) {
                    continue;
                }
                String city = cityDir.getFileName().toString();
                // The city first: its CRS places the segments in districts below.
                Path citiesFile = refDir.resolve(CitiesFile.NAME);
                if (Files.isRegularFile(citiesFile)) {
                    List<City> registered = CitiesFile.read(citiesFile, city);
                    Table table = lake.table(TableRegistry.CITIES);
                    registered.forEach(c -> CityTable.replace(table, c));
                    loaded.put(TableRegistry.CITIES + " (" + city + ")", registered.size());
                }
                try (Stream<Path> files = Files.list(refDir).sorted()) {
                    for (Path file :
                            files.filter(f -> f.toString().endsWith(".jsonl"))
                                    .filter(f -> !f.equals(citiesFile))
                                    .toList()) {
                        String name = file.getFileName().toString().replace(".jsonl", "");
                        String tableName = name.startsWith("ref.") ? name : "ref." + name;
                        int n = load(lake, tableName, city, file);
                        loaded.put(tableName + " (" + city + ")", n);
                    }
                }
                Optional<City> registered = CityTable.read(lake).find(city);
                if (registered.isPresent()) {
                    SegmentDistrictsRefresh.refresh(lake, registered.get())
                            .ifPresent(
                                    n ->
                                            loaded.put(
                                                    SegmentDistrictsRefresh.TABLE
                                                            + " ("
                                                            + city
                                                            + ")",
                                                    n));
                } else if (Files.isRegularFile(refDir.resolve("road_segments.jsonl"))) {
                    notes.accept(
                            SegmentDistrictsRefresh.TABLE
                                    + " ("
                                    + city
                                    + ") not computed: segments are measured in the city's CRS,"
                                    + " and "
                                    + new UnknownCityException(city).getMessage());
                }
            }
        }
        return loaded;
    }

    static int load(Lake lake, String tableName, String city, Path file) throws IOException {
        Table table = lake.table(tableName);
        Schema schema = lake.registry().table(tableName).schema();
        List<Record> records = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file)) {
            String line;
            int lineNo = 0;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                records.add(toRecord(schema, city, JSON.readTree(line), file + ":" + lineNo));
            }
        }
        return RefTableWriter.replaceCity(table, city, records);
    }

    static Record toRecord(Schema schema, String city, JsonNode json, String where) {
        GenericRecord record = GenericRecord.create(schema);
        json.fieldNames()
                .forEachRemaining(
                        name -> {
                            if (schema.findField(name) == null) {
                                throw new IllegalArgumentException(
                                        where + ": column '" + name + "' is not in the ref table");
                            }
                        });
        for (NestedField field : schema.columns()) {
            JsonNode value = json.get(field.name());
            Object converted =
                    value == null || value.isNull() ? null : convert(field.type(), value);
            if (field.name().equals(TableRegistry.CITY)) {
                if (converted != null && !city.equals(converted)) {
                    throw new IllegalArgumentException(
                            where + ": city '" + converted + "' in a file of city '" + city + "'");
                }
                converted = city;
            }
            if (converted == null && field.isRequired()) {
                throw new IllegalArgumentException(
                        where + ": required column '" + field.name() + "' is missing");
            }
            record.setField(field.name(), converted);
        }
        return record;
    }

    private static Object convert(Type type, JsonNode value) {
        return switch (type.typeId()) {
            case STRING -> value.asText();
            case INTEGER -> value.asInt();
            case LONG -> value.asLong();
            case DOUBLE -> value.asDouble();
            case BOOLEAN -> value.asBoolean();
            default -> throw new IllegalArgumentException("unsupported ref column type " + type);
        };
    }
}
