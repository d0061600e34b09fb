package org.citylake.testdata;

import static org.citylake.testdata.SourceFiles.cell;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.citylake.model.City;
import org.citylake.model.EntityType;
import org.citylake.model.Feed;
import org.citylake.model.LocalTimes;

/**
 * CityPulse Aarhus parking garages → {@code OffStreetParking}, NGSI-LD normalized, and {@code
 * ref.parking_lots}.
 *
 * <p>Reads {@code aarhus_parking.csv(.gz)} (columns {@code vehiclecount, updatetime, _id,
 * totalspaces, garagecode, streamtime}) and, when present, {@code aarhus_parking_address.csv(.gz)}
 * for the garages' coordinates. One entity per CSV row:
 *
 * <pre>
 * {"id":"urn:ngsi-ld:OffStreetParking:aarhus:NORREPORT","type":"OffStreetParking",
 *  "name":{"type":"Property","value":"NORREPORT"},
 *  "totalSpotNumber":{"type":"Property","value":65},
 *  "occupiedSpotNumber":{"type":"Property","value":0},
 *  "availableSpotNumber":{"type":"Property","value":65},
 *  "observationDateTime":{"type":"Property","value":{"@type":"DateTime","@value":"2014-05-22T09:09:04.145+02:00"}},
 *  "location":{"type":"GeoProperty","value":{"type":"Point","coordinates":[10.21284,56.16184]}},
 *  "@context":"https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld"}
 * </pre>
 *
 * {@code availableSpotNumber} is {@code totalspaces − vehiclecount} as the source has them,
 * negative when the garage reports more cars than spaces. {@code updatetime} is local
 * Europe/Copenhagen. The file is sorted by that local text, which puts the two passes of the autumn
 * DST overlap side by side; each garage's readings are therefore resolved in {@code _id} order (the
 * order the source stored them), so a reading whose first occurrence would run backwards takes the
 * winter offset (see {@link LocalTimes#resolve(LocalDateTime, ZoneId, Instant)}).
 */
final class AarhusParkingConverter implements DatasetConverter {

    static final String FOLDER = "citypulse-aarhus-parking";
    static final City CITY = BundledCities.AARHUS;
    static final String READINGS = "aarhus_parking.csv";
    static final String ADDRESSES = "aarhus_parking_address.csv";

    private static final String TYPE = EntityType.OFF_STREET_PARKING.ngsiType();
    private static final String[] READING_COLUMNS = {
        "vehiclecount", "updatetime", "_id", "totalspaces", "garagecode"
    };
    private static final String[] ADDRESS_COLUMNS = {"garagecode", "latitude", "longitude"};

    /** One CSV row, with its position in the file and its resolved time (null: unreadable). */
    private static final class Reading {
        final long position;
        final CSVRecord row;
        Instant observedAt;
        String observedText;

        Reading(long position, CSVRecord row) {
            this.position = position;
            this.row = row;
        }

        String garage() {
            return cell(row, "garagecode");
        }

        /** The source's storage order: {@code _id}, then the file position. */
        long sequence() {
            try {
                return Long.parseLong(cell(row, "_id").trim());
            } catch (NumberFormatException notANumber) {
                return Long.MAX_VALUE;
            }
        }
    }

    private record Garage(BigDecimal lon, BigDecimal lat) {}

    @Override
    public String folder() {
        return FOLDER;
    }

    @Override
    public City city() {
        return CITY;
    }

    static String entityId(String garageCode) {
        return "urn:ngsi-ld:" + TYPE + ":" + CITY.id() + ":" + garageCode;
    }

    @Override
    public List<ConvertedFile> convert(Path datasetDir, Path outDir) throws IOException {
        Map<String, Garage> garages = new TreeMap<>();
        Optional<Path> addresses = SourceFiles.find(datasetDir, ADDRESSES);
        if (addresses.isPresent()) {
            garages.putAll(readAddresses(addresses.get()));
        }
        List<Reading> readings = new ArrayList<>();
        try (CSVParser csv =
                SourceFiles.openCsv(SourceFiles.require(datasetDir, READINGS), READING_COLUMNS)) {
            long position = 0;
            for (CSVRecord row : csv) {
                readings.add(new Reading(position++, row));
            }
        }
        resolveTimes(readings, CITY.zone());

        JsonLines feed = JsonLines.byObservationTime();
        for (Reading r : readings) {
            feed.add(r.observedAt, entity(r, garages.get(r.garage())));
        }
        ConvertedFile feedFile =
                feed.write(
                        CITY.id(),
                        Feed.PARKING.id(),
                        Feed.PARKING.id(),
                        FeedConverter.feedPath(outDir, CITY.id(), Feed.PARKING));
        return List.of(feedFile, parkingLots(readings, garages, outDir));
    }

    /** Resolves every reading's local time, garage by garage in storage order. */
    private static void resolveTimes(List<Reading> readings, ZoneId zone) {
        Map<String, List<Reading>> byGarage = new LinkedHashMap<>();
        for (Reading r : readings) {
            byGarage.computeIfAbsent(r.garage(), g -> new ArrayList<>()).add(r);
        }
        Comparator<Reading> storageOrder =
                Comparator.comparingLong(Reading::sequence).thenComparingLong(r -> r.position);
        for (List<Reading> garage : byGarage.values()) {
            garage.sort(storageOrder);
            Instant previous = null;
            for (Reading r : garage) {
                String text = cell(r.row, "updatetime");
                Optional<LocalDateTime> local = LocalTimes.parseLocal(text);
                if (local.isPresent()) {
                    OffsetDateTime time = LocalTimes.resolve(local.get(), zone, previous);
                    r.observedAt = time.toInstant();
                    r.observedText = LocalTimes.format(time);
                    previous = r.observedAt;
                } else {
                    r.observedText = text;
                }
            }
        }
    }

    private static ObjectNode entity(Reading r, Garage garage) {
        String code = r.garage();
        ObjectNode e = NgsiJson.entity(entityId(code), TYPE);
        e.set("name", NgsiJson.ldProperty(TextNode.valueOf(code)));
        String total = cell(r.row, "totalspaces");
        String occupied = cell(r.row, "vehiclecount");
        NgsiJson.putLdProperty(e, "totalSpotNumber", total);
        NgsiJson.putLdProperty(e, "occupiedSpotNumber", occupied);
        Optional<BigDecimal> t = NgsiJson.decimal(total);
        Optional<BigDecimal> o = NgsiJson.decimal(occupied);
        if (t.isPresent() && o.isPresent()) {
            e.set(
                    "availableSpotNumber",
                    NgsiJson.ldProperty(NgsiJson.number(t.get().subtract(o.get()))));
        }
        e.set("observationDateTime", NgsiJson.ldDateTime(r.observedText));
        if (garage != null) {
            ObjectNode location = NgsiJson.object();
            location.put("type", "GeoProperty");
            location.set("value", NgsiJson.point(garage.lon(), garage.lat()));
            e.set("location", location);
        }
        e.put("@context", NgsiJson.NGSI_LD_CORE_CONTEXT);
        return e;
    }

    private static Map<String, Garage> readAddresses(Path file) throws IOException {
        Map<String, Garage> garages = new TreeMap<>();
        try (CSVParser csv = SourceFiles.openCsv(file, ADDRESS_COLUMNS)) {
            for (CSVRecord row : csv) {
                Optional<BigDecimal> lon = NgsiJson.decimal(cell(row, "longitude"));
                Optional<BigDecimal> lat = NgsiJson.decimal(cell(row, "latitude"));
                if (lon.isPresent() && lat.isPresent()) {
                    garages.put(cell(row, "garagecode"), new Garage(lon.get(), lat.get()));
                }
            }
        }
        return garages;
    }

    /**
     * One {@code ref.parking_lots} row per garage seen in the readings or the address file, ordered
     * by garage code: {@code total_spots} from the garage's latest reading (the later row on a
     * tie), coordinates from the address file.
     */
    private static ConvertedFile parkingLots(
            List<Reading> readings, Map<String, Garage> garages, Path outDir) throws IOException {
        Map<String, Reading> latest = new TreeMap<>();
        for (Reading r : readings) {
            Reading seen = latest.get(r.garage());
            if (seen == null || !isBefore(r, seen)) {
                latest.put(r.garage(), r);
            }
        }
        TreeSet<String> codes = new TreeSet<>(latest.keySet());
        codes.addAll(garages.keySet());
        RefRows rows = new RefRows(EntityType.OFF_STREET_PARKING.refTable(), CITY.id());
        for (String code : codes) {
            ObjectNode row = rows.row(entityId(code));
            row.put("name", code);
            Reading r = latest.get(code);
            if (r != null) {
                NgsiJson.decimal(cell(r.row, "totalspaces"))
                        .ifPresent(n -> row.set("total_spots", NgsiJson.number(n)));
            }
            Garage g = garages.get(code);
            if (g != null) {
                row.set("lon", NgsiJson.number(g.lon()));
                row.set("lat", NgsiJson.number(g.lat()));
            }
            rows.add(row);
        }
        return rows.write(outDir);
    }

    /** a was observed before b; an unreadable time counts as earliest. */
    private static boolean isBefore(Reading a, Reading b) {
        if (a.observedAt == null) {
            return b.observedAt != null;
        }
        return b.observedAt != null && a.observedAt.isBefore(b.observedAt);
    }
}
