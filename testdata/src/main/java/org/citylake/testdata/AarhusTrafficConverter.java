package org.citylake.testdata;

import static org.citylake.testdata.SourceFiles.cell;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.citylake.model.City;
import org.citylake.model.EntityType;
import org.citylake.model.Feed;
import org.citylake.model.LocalTimes;

/**
 * CityPulse Aarhus road traffic → {@code TrafficFlowObserved}, keyValues, and {@code
 * ref.road_segments}.
 *
 * <p>Reads every {@code aarhus_traffic_*.csv(.gz)} of the folder (columns {@code status,
 * avgMeasuredTime, avgSpeed, extID, medianMeasuredTime, TIMESTAMP, vehicleCount, _id, REPORT_ID})
 * and {@code trafficMetaData.csv(.gz)}. One entity per CSV row:
 *
 * <pre>
 * {"id":"urn:ngsi-ld:TrafficFlowObserved:aarhus:158324","type":"TrafficFlowObserved",
 *  "refRoadSegment":"158324",
 *  "dateObserved":"2014-08-18T00:25:00+02:00/2014-08-18T00:30:00+02:00",
 *  "dateObservedFrom":"2014-08-18T00:25:00+02:00","dateObservedTo":"2014-08-18T00:30:00+02:00",
 *  "intensity":1,"averageVehicleSpeed":57,"averageTravelTime":64,"medianTravelTime":64}
 * </pre>
 *
 * {@code TIMESTAMP} is the start of a 5-minute interval, local time in Europe/Copenhagen (see
 * {@link LocalTimes} for DST). {@code intensity} is {@code vehicleCount} (vehicles detected by
 * Bluetooth). When {@code vehicleCount} is 0 (or not a number) the speed and travel times are left
 * out: with no vehicle there is no travel time, and the source repeats stale values in those rows.
 * Every row is kept, duplicates included.
 */
final class AarhusTrafficConverter implements DatasetConverter {

    static final String FOLDER = "citypulse-aarhus-traffic";
    static final City CITY = BundledCities.AARHUS;
    static final String METADATA = "trafficMetaData.csv";
    static final String READINGS_PREFIX = "aarhus_traffic_";

    /** Length of a CityPulse traffic observation interval. */
    static final Duration INTERVAL = Duration.ofMinutes(5);

    private static final String TYPE = EntityType.TRAFFIC_FLOW_OBSERVED.ngsiType();
    private static final String[] READING_COLUMNS = {
        "avgMeasuredTime",
        "avgSpeed",
        "medianMeasuredTime",
        "TIMESTAMP",
        "vehicleCount",
        "REPORT_ID"
    };
    private static final String[] METADATA_COLUMNS = {
        "REPORT_ID",
        "REPORT_NAME",
        "ROAD_TYPE",
        "POINT_1_LNG",
        "POINT_1_LAT",
        "POINT_2_LNG",
        "POINT_2_LAT",
        "DISTANCE_IN_METERS",
        "DURATION_IN_SEC",
        "NDT_IN_KMH"
    };

    @Override
    public String folder() {
        return FOLDER;
    }

    @Override
    public City city() {
        return CITY;
    }

    @Override
    public List<ConvertedFile> convert(Path datasetDir, Path outDir) throws IOException {
        List<Path> readings = SourceFiles.requireAll(datasetDir, READINGS_PREFIX, ".csv");
        ZoneId zone = CITY.zone();
        JsonLines feed = JsonLines.byObservationTime();
        for (Path file : readings) {
            try (CSVParser csv = SourceFiles.openCsv(file, READING_COLUMNS)) {
                for (CSVRecord row : csv) {
                    Optional<OffsetDateTime> start =
                            LocalTimes.parseLocal(cell(row, "TIMESTAMP"))
                                    .map(local -> LocalTimes.resolve(local, zone));
                    feed.add(
                            start.map(OffsetDateTime::toInstant).orElse(null),
                            entity(row, start, zone));
                }
            }
        }
        ConvertedFile feedFile =
                feed.write(
                        CITY.id(),
                        Feed.TRAFFIC.id(),
                        Feed.TRAFFIC.id(),
                        FeedConverter.feedPath(outDir, CITY.id(), Feed.TRAFFIC));
        return List.of(feedFile, roadSegments(SourceFiles.require(datasetDir, METADATA), outDir));
    }

    static String entityId(String reportId) {
        return "urn:ngsi-ld:" + TYPE + ":" + CITY.id() + ":" + reportId;
    }

    private static ObjectNode entity(CSVRecord row, Optional<OffsetDateTime> start, ZoneId zone) {
        String reportId = cell(row, "REPORT_ID");
        ObjectNode e = NgsiJson.entity(entityId(reportId), TYPE);
        e.put("refRoadSegment", reportId);
        if (start.isPresent()) {
            String from = LocalTimes.format(start.get());
            String to =
                    LocalTimes.format(
                            start.get().toInstant().plus(INTERVAL).atZone(zone).toOffsetDateTime());
            e.put("dateObserved", from + "/" + to);
            e.put("dateObservedFrom", from);
            e.put("dateObservedTo", to);
        } else {
            e.put("dateObserved", cell(row, "TIMESTAMP"));
        }
        String vehicleCount = cell(row, "vehicleCount");
        NgsiJson.putKeyValue(e, "intensity", vehicleCount);
        boolean vehiclesSeen =
                NgsiJson.decimal(vehicleCount).map(n -> n.signum() > 0).orElse(false);
        if (vehiclesSeen) {
            NgsiJson.putKeyValue(e, "averageVehicleSpeed", cell(row, "avgSpeed"));
            NgsiJson.putKeyValue(e, "averageTravelTime", cell(row, "avgMeasuredTime"));
            NgsiJson.putKeyValue(e, "medianTravelTime", cell(row, "medianMeasuredTime"));
        }
        return e;
    }

    /**
     * One {@code ref.road_segments} row per metadata row: {@code name} is {@code REPORT_NAME} (the
     * street names when it is empty), {@code geometry_wkt} the straight line between the two end
     * points, lengths and times as given. A value that is not a number is left out.
     */
    private static ConvertedFile roadSegments(Path metadata, Path outDir) throws IOException {
        RefRows rows = new RefRows(EntityType.TRAFFIC_FLOW_OBSERVED.refTable(), CITY.id());
        try (CSVParser csv = SourceFiles.openCsv(metadata, METADATA_COLUMNS)) {
            for (CSVRecord m : csv) {
                ObjectNode row = rows.row(cell(m, "REPORT_ID"));
                String name = cell(m, "REPORT_NAME").trim();
                if (name.isEmpty()) {
                    name = streetNames(m);
                }
                if (!name.isEmpty()) {
                    row.put("name", name);
                }
                if (!cell(m, "ROAD_TYPE").isBlank()) {
                    row.put("road_class", cell(m, "ROAD_TYPE").trim());
                }
                lineString(m).ifPresent(wkt -> row.put("geometry_wkt", wkt));
                RefRows.putNumber(row, "length_m", cell(m, "DISTANCE_IN_METERS"));
                RefRows.putNumber(row, "free_flow_time_s", cell(m, "DURATION_IN_SEC"));
                RefRows.putNumber(row, "free_flow_speed_kmh", cell(m, "NDT_IN_KMH"));
                rows.add(row);
            }
        }
        return rows.write(outDir);
    }

    private static String streetNames(CSVRecord m) {
        String from = cell(m, "POINT_1_STREET").trim();
        String to = cell(m, "POINT_2_STREET").trim();
        return from.equals(to) || to.isEmpty() ? from : from.isEmpty() ? to : from + " - " + to;
    }

    /** {@code LINESTRING (lon1 lat1, lon2 lat2)} with the coordinates as written in the source. */
    private static Optional<String> lineString(CSVRecord m) {
        String[] cells = {
            cell(m, "POINT_1_LNG"),
            cell(m, "POINT_1_LAT"),
            cell(m, "POINT_2_LNG"),
            cell(m, "POINT_2_LAT")
        };
        for (String cell : cells) {
            if (NgsiJson.decimal(cell).isEmpty()) {
                return Optional.empty();
            }
        }
        return Optional.of(
                "LINESTRING ("
                        + cells[0].trim()
                        + " "
                        + cells[1].trim()
                        + ", "
                        + cells[2].trim()
                        + " "
                        + cells[3].trim()
                        + ")");
    }
}
