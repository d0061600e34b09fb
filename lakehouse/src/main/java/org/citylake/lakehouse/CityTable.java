package org.citylake.lakehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.citylake.lakehouse.tables.TableRegistry;
import org.citylake.model.City;
import org.citylake.model.CityPolicy;
import org.citylake.model.CityRegistry;

/**
 * Reads and writes the city registry, {@value TableRegistry#CITIES}: one row per city, validated on
 * the way in and on the way out (a row edited by hand into nonsense is an error that names it).
 */
public final class CityTable {

    /** What {@link #upsert} did. */
    public enum Change {
        ADDED,
        UPDATED,
        UNCHANGED
    }

    private CityTable() {}

    /** Every registered city; empty when the lake has no {@code ref.cities} yet. */
    public static CityRegistry read(Lake lake) {
        return read(lake.catalog());
    }

    public static CityRegistry read(Catalog catalog) {
        TableIdentifier id = TableIdentifier.parse(TableRegistry.CITIES);
        if (!catalog.tableExists(id)) {
            return CityRegistry.empty();
        }
        List<City> cities = new ArrayList<>();
        try (CloseableIterable<Record> rows = IcebergGenerics.read(catalog.loadTable(id)).build()) {
            for (Record row : rows) {
                cities.add(fromRecord(row));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + TableRegistry.CITIES, e);
        }
        return CityRegistry.of(cities);
    }

    /**
     * Registers {@code city}, replacing its row if it has one; commits nothing when the row is
     * already exactly this.
     */
    public static Change upsert(Lake lake, City city) {
        Optional<City> before = read(lake).find(city.id());
        if (before.isPresent() && before.get().equals(city)) {
            return Change.UNCHANGED;
        }
        replace(lake.table(TableRegistry.CITIES), city);
        return before.isPresent() ? Change.UPDATED : Change.ADDED;
    }

    /** Replaces {@code city}'s row in one atomic commit. */
    public static void replace(Table table, City city) {
        RefTableWriter.replaceCity(table, city.id(), List.of(toRecord(table.schema(), city)));
    }

    public static Record toRecord(Schema schema, City city) {
        GenericRecord record = GenericRecord.create(schema);
        record.setField(TableRegistry.CITY, city.id());
        record.setField("name", city.name());
        record.setField("country", city.country());
        record.setField("time_zone", city.zone().getId());
        record.setField("lon", city.lon());
        record.setField("lat", city.lat());
        record.setField("crs", city.crs());
        record.setField("peak_days", city.policy().peakDaysText());
        record.setField("peak_hours", city.policy().peakHoursText());
        record.setField("night_hours", city.policy().nightHoursText());
        return record;
    }

    public static City fromRecord(Record row) {
        String id = (String) row.getField(TableRegistry.CITY);
        try {
            return City.of(
                    id,
                    (String) row.getField("name"),
                    (String) row.getField("country"),
                    (String) row.getField("time_zone"),
                    (Double) row.getField("lon"),
                    (Double) row.getField("lat"),
                    (String) row.getField("crs"),
                    CityPolicy.parse(
                            (String) row.getField("peak_days"),
                            (String) row.getField("peak_hours"),
                            (String) row.getField("night_hours")));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    TableRegistry.CITIES
                            + " row of city '"
                            + id
                            + "' is not valid: "
                            + e.getMessage()
                            + "; register the city again with `citylake city add`",
                    e);
        }
    }
}
