package org.citylake.testdata;

import static org.citylake.testdata.SourceFiles.cell;

import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.citylake.model.City;
import org.citylake.model.EntityType;
import org.citylake.model.Feed;
import org.citylake.model.LocalTimes;

/**
 * UCI Beijing PM2.5 (US Embassy, hourly) → {@code AirQualityObserved}, NGSI-v2 normalized, and
 * {@code ref.air_stations}.
 *
 * <p>Reads every {@code PRSA_data_*.csv(.gz)} of the folder (columns {@code No, year, month, day,
 * hour, pm2.5, DEWP, TEMP, PRES, cbwd, Iws, Is, Ir}). One entity per CSV row:
 *
 * <pre>
 * {"id":"urn:ngsi-ld:AirQualityObserved:beijing:us-embassy","type":"AirQualityObserved",
 *  "dateObserved":{"type":"DateTime","value":"2010-01-02T00:00:00+08:00"},
 *  "refPointOfInterest":{"type":"Text","value":"beijing-us-embassy"},
 *  "pm25":{"type":"Number","value":129},"temperature":{"type":"Number","value":-4},
 *  "dewPoint":{"type":"Number","value":-16},"atmosphericPressure":{"type":"Number","value":1020},
 *  "windDirection":{"type":"Number","value":135},"cumulatedWindSpeed":{"type":"Number","value":1.79},
 *  "cumulatedSnowHours":{"type":"Number","value":0},"cumulatedRainHours":{"type":"Number","value":0}}
 * </pre>
 *
 * {@code year/month/day/hour} is local time in Asia/Shanghai (UTC+8, no DST since 1991). {@code NA}
 * (the UCI token for a missing value) or an empty cell leaves the attribute out; {@code pm25} is
 * the only column that has it. {@code cbwd} is the combined wind direction: NE → 45°, SE → 135°, SW
 * → 225°, NW → 315°; {@code cv} (calm or variable) has no direction and is left out; any other code
 * is passed on as {@code Text} for the ingest job to reject. Temperature and dew point are °C,
 * pressure hPa, {@code Iws} m/s, {@code Is}/{@code Ir} hours; the weather is from Beijing Capital
 * Airport.
 */
final class BeijingAirConverter implements DatasetConverter {

    static final String FOLDER = "uci-beijing-pm25";
    static final City CITY = BundledCities.BEIJING;
    static final String READINGS_PREFIX = "PRSA_data_";
    static final String STATION_ID = "beijing-us-embassy";
    static final String ENTITY_ID = "urn:ngsi-ld:AirQualityObserved:beijing:us-embassy";
    static final String STATION_NAME = "US Embassy, Beijing";

    /**
     * Approximate position of the US Embassy compound (55 Anjialou Road, Chaoyang District), where
     * the monitor stands on a roof; taken from the CityLake project brief, not from the data set
     * (which has no coordinates) and not checked against an official monitor-site list: good to a
     * few hundred metres, enough to place the station on a city map.
     */
    static final BigDecimal STATION_LON = new BigDecimal("116.4667");

    static final BigDecimal STATION_LAT = new BigDecimal("39.9547");

    private static final String TYPE = EntityType.AIR_QUALITY_OBSERVED.ngsiType();
    private static final String MISSING = "NA";
    private static final Map<String, Integer> WIND_DEGREES =
            Map.of("NE", 45, "SE", 135, "SW", 225, "NW", 315);
    private static final String CALM_OR_VARIABLE = "cv";
    private static final String[] COLUMNS = {
        "year", "month", "day", "hour", "pm2.5", "DEWP", "TEMP", "PRES", "cbwd", "Iws", "Is", "Ir"
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
        List<Path> files = SourceFiles.requireAll(datasetDir, READINGS_PREFIX, ".csv");
        ZoneId zone = CITY.zone();
        JsonLines feed = JsonLines.byObservationTime();
        for (Path file : files) {
            try (CSVParser csv = SourceFiles.openCsv(file, COLUMNS)) {
                for (CSVRecord row : csv) {
                    Optional<OffsetDateTime> time =
                            localTime(row).map(local -> LocalTimes.resolve(local, zone));
                    feed.add(time.map(OffsetDateTime::toInstant).orElse(null), entity(row, time));
                }
            }
        }
        ConvertedFile feedFile =
                feed.write(
                        CITY.id(),
                        Feed.AIR.id(),
                        Feed.AIR.id(),
                        FeedConverter.feedPath(outDir, CITY.id(), Feed.AIR));
        RefRows stations = new RefRows(EntityType.AIR_QUALITY_OBSERVED.refTable(), CITY.id());
        ObjectNode station = stations.row(STATION_ID);
        station.put("name", STATION_NAME);
        station.set("lon", NgsiJson.number(STATION_LON));
        station.set("lat", NgsiJson.number(STATION_LAT));
        stations.add(station);
        return List.of(feedFile, stations.write(outDir));
    }

    private static Optional<LocalDateTime> localTime(CSVRecord row) {
        try {
            return Optional.of(
                    LocalDateTime.of(
                            Integer.parseInt(cell(row, "year").trim()),
                            Integer.parseInt(cell(row, "month").trim()),
                            Integer.parseInt(cell(row, "day").trim()),
                            Integer.parseInt(cell(row, "hour").trim()),
                            0));
        } catch (NumberFormatException | DateTimeException notATime) {
            return Optional.empty();
        }
    }

    private static ObjectNode entity(CSVRecord row, Optional<OffsetDateTime> time) {
        ObjectNode e = NgsiJson.entity(ENTITY_ID, TYPE);
        String observed =
                time.map(LocalTimes::format)
                        .orElseGet(
                                () ->
                                        String.join(
                                                " ",
                                                cell(row, "year"),
                                                cell(row, "month"),
                                                cell(row, "day"),
                                                cell(row, "hour")));
        e.set("dateObserved", NgsiJson.v2DateTime(observed));
        e.set("refPointOfInterest", NgsiJson.v2Text(STATION_ID));
        putMeasure(e, "pm25", cell(row, "pm2.5"));
        putMeasure(e, "temperature", cell(row, "TEMP"));
        putMeasure(e, "dewPoint", cell(row, "DEWP"));
        putMeasure(e, "atmosphericPressure", cell(row, "PRES"));
        String wind = cell(row, "cbwd").trim();
        Integer degrees = WIND_DEGREES.get(wind);
        if (degrees != null) {
            e.set("windDirection", NgsiJson.v2("Number", LongNode.valueOf(degrees)));
        } else if (!wind.isEmpty() && !wind.equals(CALM_OR_VARIABLE) && !wind.equals(MISSING)) {
            e.set("windDirection", NgsiJson.v2Text(wind));
        }
        putMeasure(e, "cumulatedWindSpeed", cell(row, "Iws"));
        putMeasure(e, "cumulatedSnowHours", cell(row, "Is"));
        putMeasure(e, "cumulatedRainHours", cell(row, "Ir"));
        return e;
    }

    private static void putMeasure(ObjectNode e, String name, String cell) {
        if (!cell.trim().equals(MISSING)) {
            NgsiJson.putV2Number(e, name, cell);
        }
    }
}
