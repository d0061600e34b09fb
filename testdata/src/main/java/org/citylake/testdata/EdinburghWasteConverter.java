package org.citylake.testdata;

import static org.citylake.testdata.SourceFiles.cell;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.citylake.model.City;
import org.citylake.model.EntityType;
import org.citylake.model.Feed;
import org.citylake.model.LocalTimes;
import org.citylake.testdata.waste.CollectionRounds;
import org.citylake.testdata.waste.WasteFleet;

/**
 * Edinburgh litter-bin sensors (Enevo collection events) → {@code WasteContainer} readings and
 * {@code WasteCollection} events, keyValues, and {@code ref.waste_containers}.
 *
 * <p>Reads every {@code edinburgh_litter_bin_collections*.csv(.gz)} of the folder. Each CSV row
 * (one emptying of one bin) gives two entities at the collection time, the container reading first:
 *
 * <pre>
 * {"id":"urn:ngsi-ld:WasteContainer:edinburgh:325048","type":"WasteContainer",
 *  "dateObserved":"2016-08-09T15:46:34+01:00","fillingLevel":0.624,
 *  "cargoWeight":26.059222999999999,"category":"Mixed"}
 * {"id":"urn:ngsi-ld:WasteCollection:edinburgh:12371082","type":"WasteCollection",
 *  "refWasteContainer":"urn:ngsi-ld:WasteContainer:edinburgh:325048",
 *  "dateObserved":"2016-08-09T15:46:34+01:00","fillingLevelBefore":0.624,"fillingLevelAfter":0,
 *  "volume":372.27461,"weight":26.059222999999999,
 *  "refVehicle":"urn:ngsi-ld:Vehicle:edinburgh:new-town"}
 * </pre>
 *
 * <p><b>Fill levels.</b> The CSV header warns "Nb 100% is actually a bin that's 80% full": the
 * sensor's 100 % is 80 % of the bin. Fill levels are therefore written as a share of the real
 * capacity, {@code percent × 0.8 / 100} (78 % → 0.624, 100 % → 0.8), exactly in decimal.
 *
 * <p><b>Volume and weight</b> are passed on as reported ({@code Volume (litres3)}, {@code Weight
 * (kg)}). The source derives both from the fill reading: volume is {@code percent / 100 ×} the
 * bin's nominal size and weight is {@code 0.07 kg/l × volume}; neither is weighed or measured.
 *
 * <p><b>Vehicles.</b> The source names no truck, but the pickups of several trucks interleave in
 * time in different parts of the city (on 2016-07-12 at 07:17–07:22 Gayfield Place, Haddington
 * Place and Leith Walk alternate with Castlehill and Lady Stair's Close). The rule: a site's {@code
 * Address}, without its house number, is its street; each street lies in one collection round, an
 * area of the city ({@code waste/edinburgh-collection-rounds.csv}: old-town, new-town, west-end,
 * leith-walk, leith-links, portobello); one truck collects one round every day, so every collection
 * event gets the round's vehicle, {@code refVehicle = urn:ngsi-ld:Vehicle:edinburgh:<round>}
 * ({@code ref.waste_vehicles}), and a truck's pickups of a day in time order are its route. The
 * split is plausible by the data: back-to-back pickups (under 45 s apart) at sites of different
 * streets, impossible for one truck unless the streets meet, fall from 832 for one city-wide
 * sequence to 270 within the rounds, nearly all at adjacent streets (George IV Bridge and
 * Greyfriars Place, Victoria Street and West Bow). A street the table does not list is an error
 * naming the line and the table to extend.
 *
 * <p>The collection time is local Europe/London (see {@link LocalTimes} for DST; the 2016 data lie
 * in summer time). {@code WasteCollection} is a CityLake extension type; FIWARE has no model for a
 * collection event.
 *
 * <p>{@code edinburgh_litter_bin_sites.csv} lists only site names, all of which appear in the
 * collection file with their Site id, so it is not read.
 */
final class EdinburghWasteConverter implements DatasetConverter {

    static final String FOLDER = "edinburgh-litter-bin-sensors";
    static final City CITY = BundledCities.EDINBURGH;
    static final String READINGS_PREFIX = "edinburgh_litter_bin_collections";

    static final String ID = "ID";
    static final String SITE = "Site";
    static final String SITE_NAME = "Site name";
    static final String ADDRESS = "Address";
    static final String CONTENT_TYPE_NAME = "Content type name";
    static final String COLLECTED_AT = "Date & Time of bin collection (Europe/London)";
    static final String FILL_BEFORE =
            "Fill level before collection (%) [Nb 100% is actually a bin that's 80% full]";
    static final String FILL_AFTER = "Fill level after";
    static final String VOLUME = "Volume (litres3)";
    static final String WEIGHT = "Weight (kg)";

    /** Real-capacity share of one sensor percent: 100 % on the sensor is 80 % of the bin. */
    static final BigDecimal SHARE_PER_PERCENT = new BigDecimal("0.008");

    /** Readings at or above this sensor percent are used to derive a bin's capacity. */
    private static final BigDecimal CAPACITY_MIN_PERCENT = new BigDecimal("50");

    private static final String CONTAINER_TYPE = EntityType.WASTE_CONTAINER.ngsiType();
    private static final String COLLECTION_TYPE = EntityType.WASTE_COLLECTION.ngsiType();
    private static final String[] COLUMNS = {
        ID,
        SITE,
        SITE_NAME,
        ADDRESS,
        CONTENT_TYPE_NAME,
        COLLECTED_AT,
        FILL_BEFORE,
        FILL_AFTER,
        VOLUME,
        WEIGHT
    };

    /** What the ref row of one container needs, gathered over its collections. */
    private static final class Site {
        String name = "";
        String category = "";
        String street = "";
        Instant latest;
        final List<BigDecimal> nominalVolumes = new ArrayList<>();
    }

    @Override
    public String folder() {
        return FOLDER;
    }

    @Override
    public City city() {
        return CITY;
    }

    static String containerId(String site) {
        return "urn:ngsi-ld:" + CONTAINER_TYPE + ":" + CITY.id() + ":" + site;
    }

    static String collectionId(String id) {
        return "urn:ngsi-ld:" + COLLECTION_TYPE + ":" + CITY.id() + ":" + id;
    }

    @Override
    public List<ConvertedFile> convert(Path datasetDir, Path outDir) throws IOException {
        List<Path> files = SourceFiles.requireAll(datasetDir, READINGS_PREFIX, ".csv");
        ZoneId zone = CITY.zone();
        JsonLines feed = JsonLines.byObservationTime();
        Map<String, Site> sites = new TreeMap<>();
        CollectionRounds rounds = CollectionRounds.load(CollectionRounds.EDINBURGH);
        for (Path file : files) {
            try (CSVParser csv = SourceFiles.openCsv(file, COLUMNS)) {
                for (CSVRecord row : csv) {
                    String street = streetOf(rounds, row, file);
                    Optional<OffsetDateTime> time =
                            LocalTimes.parseLocal(cell(row, COLLECTED_AT))
                                    .map(local -> LocalTimes.resolve(local, zone));
                    Instant at = time.map(OffsetDateTime::toInstant).orElse(null);
                    String observed = time.map(LocalTimes::format).orElse(cell(row, COLLECTED_AT));
                    feed.add(at, container(row, observed));
                    feed.add(at, collection(row, observed, vehicle(rounds, street)));
                    remember(
                            sites.computeIfAbsent(cell(row, SITE), s -> new Site()),
                            row,
                            at,
                            street);
                }
            }
        }
        ConvertedFile feedFile =
                feed.write(
                        CITY.id(),
                        Feed.WASTE.id(),
                        Feed.WASTE.id(),
                        FeedConverter.feedPath(outDir, CITY.id(), Feed.WASTE));
        return List.of(feedFile, containers(sites, outDir, rounds));
    }

    private static ObjectNode container(CSVRecord row, String observed) {
        ObjectNode e = NgsiJson.entity(containerId(cell(row, SITE)), CONTAINER_TYPE);
        e.put("dateObserved", observed);
        putFillingLevel(e, "fillingLevel", cell(row, FILL_BEFORE));
        NgsiJson.putKeyValue(e, "cargoWeight", cell(row, WEIGHT));
        if (!cell(row, CONTENT_TYPE_NAME).isBlank()) {
            e.put("category", cell(row, CONTENT_TYPE_NAME));
        }
        return e;
    }

    /** The street of the row's Address in the round table; an error when it has none. */
    static String streetOf(CollectionRounds rounds, CSVRecord row, Path file) throws IOException {
        String address = cell(row, ADDRESS);
        return rounds.street(address)
                .orElseThrow(
                        () ->
                                new IOException(
                                        file
                                                + " line "
                                                + (row.getRecordNumber() + 1)
                                                + ": site "
                                                + cell(row, SITE)
                                                + " lies on '"
                                                + CollectionRounds.withoutNumber(address)
                                                + "', a street no collection round of "
                                                + rounds.resource()
                                                + " lists; add it there with its round"));
    }

    /** The vehicle of the street's round: one truck per round. */
    static String vehicle(CollectionRounds rounds, String street) {
        return WasteFleet.vehicleId(CITY.id(), rounds.round(street));
    }

    private static ObjectNode collection(CSVRecord row, String observed, String vehicle) {
        ObjectNode e = NgsiJson.entity(collectionId(cell(row, ID)), COLLECTION_TYPE);
        e.put("refWasteContainer", containerId(cell(row, SITE)));
        e.put("dateObserved", observed);
        putFillingLevel(e, "fillingLevelBefore", cell(row, FILL_BEFORE));
        putFillingLevel(e, "fillingLevelAfter", cell(row, FILL_AFTER));
        NgsiJson.putKeyValue(e, "volume", cell(row, VOLUME));
        NgsiJson.putKeyValue(e, "weight", cell(row, WEIGHT));
        e.put("refVehicle", vehicle);
        return e;
    }

    /** Sensor percent → share of the real capacity, {@code percent × 0.008}; text passed on. */
    private static void putFillingLevel(ObjectNode e, String name, String percentCell) {
        Optional<BigDecimal> percent = NgsiJson.decimal(percentCell);
        if (percent.isPresent()) {
            e.set(name, NgsiJson.number(percent.get().multiply(SHARE_PER_PERCENT)));
        } else if (!percentCell.isBlank()) {
            e.set(name, TextNode.valueOf(percentCell));
        }
    }

    private static void remember(Site site, CSVRecord row, Instant at, String street) {
        boolean latest = site.latest == null || (at != null && !at.isBefore(site.latest));
        if (latest) {
            site.latest = at;
            site.name = cell(row, SITE_NAME).trim();
            site.category = cell(row, CONTENT_TYPE_NAME).trim();
            site.street = street;
        }
        Optional<BigDecimal> percent = NgsiJson.decimal(cell(row, FILL_BEFORE));
        Optional<BigDecimal> volume = NgsiJson.decimal(cell(row, VOLUME));
        if (percent.isPresent()
                && volume.isPresent()
                && percent.get().compareTo(CAPACITY_MIN_PERCENT) >= 0
                && volume.get().signum() > 0) {
            site.nominalVolumes.add(
                    volume.get()
                            .multiply(BigDecimal.valueOf(100))
                            .divide(percent.get(), MathContext.DECIMAL64));
        }
    }

    /**
     * One {@code ref.waste_containers} row per Site, ordered by Site id; name and category from its
     * latest collection. {@code capacity_l} is the bin's nominal size: the volume the source
     * reports at a 100 % reading, i.e. the median of {@code volume × 100 / percent} over the bin's
     * collections at 50 % or more, rounded to 10 litres; absent when the bin has no such
     * collection. It is an estimate: the percent is an integer, so single ratios scatter by about 1
     * % (a 480 l bin gives 478…482); most results are standard bin sizes (90, 100, 120, 140, 240,
     * 480, 1100, 1280 l). {@code street} is the street of its latest collection's Address and
     * {@code collection_round} that street's round. The data have no coordinates, so {@code
     * lon}/{@code lat} are absent: {@code citylake waste place} places the bins on a street
     * network.
     */
    private static ConvertedFile containers(
            Map<String, Site> sites, Path outDir, CollectionRounds rounds) throws IOException {
        RefRows rows = new RefRows(EntityType.WASTE_CONTAINER.refTable(), CITY.id());
        for (Map.Entry<String, Site> entry : sites.entrySet()) {
            Site site = entry.getValue();
            ObjectNode row = rows.row(containerId(entry.getKey()));
            if (!site.name.isEmpty()) {
                row.put("name", site.name);
            }
            if (!site.category.isEmpty()) {
                row.put("category", site.category);
            }
            row.put("street", site.street);
            row.put("collection_round", rounds.round(site.street));
            median(site.nominalVolumes)
                    .ifPresent(
                            v ->
                                    row.set(
                                            "capacity_l",
                                            NgsiJson.number(v.setScale(-1, RoundingMode.HALF_UP))));
            rows.add(row);
        }
        return rows.write(outDir);
    }

    private static Optional<BigDecimal> median(List<BigDecimal> values) {
        if (values.isEmpty()) {
            return Optional.empty();
        }
        List<BigDecimal> sorted = values.stream().sorted().toList();
        int mid = sorted.size() / 2;
        if (sorted.size() % 2 == 1) {
            return Optional.of(sorted.get(mid));
        }
        return Optional.of(sorted.get(mid - 1).add(sorted.get(mid)).divide(BigDecimal.valueOf(2)));
    }
}
