package org.citylake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.citylake.lakehouse.Lake;
import org.citylake.model.LocalTimes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A city the code has never seen is onboarded with data alone, and a city nobody registered waits
 * in the dead letters until it is.
 *
 * <p>Sydney (Australia/Sydney, southern hemisphere, DST) in 2024: summer time ends on the first
 * Sunday of April (7 April, 03:00 AEDT +11 → 02:00 AEST +10: the day has 25 hours) and starts on
 * the first Sunday of October (6 October, 02:00 AEST → 03:00 AEDT: 23 hours). The feeds cover two
 * local days around each change: Sat 6 – Sun 7 April and Sun 6 – Mon 7 October.
 *
 * <pre>
 *   traffic  SYD-S1, SYD-S2     a reading every 5 minutes of every local day (keyValues, offsets)
 *   parking  P1 (200 spots)     a reading every 15 minutes (keyValues, offsets)
 *            P2 (100 spots)     the same, but on 6 April local times without an offset
 *   policy   peak MON-FRI 07-10,16-19 (not the default 06-10,15-19), in cities.jsonl
 * </pre>
 *
 * Known answers, counted by hand: parking slots 96 (Sat 6 Apr), 100 (Sun 7 Apr), 92 (Sun 6 Oct), 96
 * (Mon 7 Oct); traffic hours 24, 25, 23, 24; on 7 April the slots 02:00..02:45 come twice, first at
 * +11:00 then at +10:00; on 6 October 01:45+10:00 is followed by 03:00+11:00.
 */
class CityOnboardingIT {

    static final ZoneId SYDNEY = ZoneId.of("Australia/Sydney");
    static final String CITY = "sydney";
    static final String P1 = lot("P1");
    static final String P2 = lot("P2");
    static final LocalDate SAT_APR_6 = LocalDate.parse("2024-04-06");
    static final LocalDate SUN_APR_7 = LocalDate.parse("2024-04-07");
    static final LocalDate SUN_OCT_6 = LocalDate.parse("2024-10-06");
    static final LocalDate MON_OCT_7 = LocalDate.parse("2024-10-07");

    @TempDir Path dir;

    @Test
    void sydneyIsOnboardedWithDataOnlyAndItsDaysFollowItsClock() throws Exception {
        // the time-zone data agree with the transitions the answers below are counted from
        assertThat(hoursOf(SAT_APR_6)).isEqualTo(24);
        assertThat(hoursOf(SUN_APR_7)).isEqualTo(25);
        assertThat(hoursOf(SUN_OCT_6)).isEqualTo(23);
        assertThat(hoursOf(MON_OCT_7)).isEqualTo(24);

        CliLake lake = new CliLake(dir);
        Path feeds = lake.lakeDir().resolve("feeds");
        Path city = feeds.resolve(CITY);
        write(
                city.resolve("ref/cities.jsonl"),
                List.of(
                        "{\"city\":\"sydney\",\"name\":\"Sydney\",\"country\":\"AU\","
                                + "\"time_zone\":\"Australia/Sydney\",\"lon\":151.2093,"
                                + "\"lat\":-33.8688,\"peak_hours\":\"07-10,16-19\"}"));
        write(
                city.resolve("ref/road_segments.jsonl"),
                List.of(
                        "{\"city\":\"sydney\",\"id\":\"SYD-S1\",\"name\":\"George St\","
                                + "\"length_m\":1000.0,\"free_flow_time_s\":60.0}",
                        "{\"city\":\"sydney\",\"id\":\"SYD-S2\",\"name\":\"Harbour Bridge\","
                                + "\"length_m\":1200.0,\"free_flow_time_s\":60.0}"));
        write(
                city.resolve("ref/parking_lots.jsonl"),
                List.of(
                        "{\"city\":\"sydney\",\"id\":\""
                                + P1
                                + "\",\"name\":\"Wynyard\",\"total_spots\":200,"
                                + "\"lon\":151.2055,\"lat\":-33.8658}",
                        "{\"city\":\"sydney\",\"id\":\""
                                + P2
                                + "\",\"name\":\"Goulburn St\",\"total_spots\":100,"
                                + "\"lon\":151.2069,\"lat\":-33.8783}"));
        List<String> traffic = new ArrayList<>();
        List<String> parking = new ArrayList<>();
        for (LocalDate first : List.of(SAT_APR_6, SUN_OCT_6)) {
            traffic.addAll(traffic(first, first.plusDays(2)));
            parking.addAll(parking(first, first.plusDays(2)));
        }
        write(city.resolve("traffic.jsonl"), traffic);
        write(city.resolve("parking.jsonl"), parking);
        // 2 segments × 5-minute readings over 24+25 and 23+24 hours; 2 lots × 15-minute readings
        assertThat(traffic).hasSize(2 * 12 * (49 + 47));
        assertThat(parking).hasSize(2 * 4 * (49 + 47));

        lake.cli("lakehouse", "init");
        lake.cli("ref", "load");
        assertThat(lake.run("city", "list").out())
                .contains("sydney", "Australia/Sydney", "EPSG:32756", "07-10,16-19");
        lake.cli("ingest", "--batch", "--no-progress");

        try (Lake opened = Lake.open(lake.config())) {
            assertThat(rows(opened, "ops.dead_letter", r -> r.getField("reason"))).isEmpty();
            assertThat(rows(opened, "clean.traffic_flow", r -> 1)).hasSize(traffic.size());
            // P2 said "2024-04-06T08:00:00": 08:00 in Sydney (+11:00), not in UTC
            assertThat(
                            rows(
                                    opened,
                                    "clean.parking",
                                    r -> r.getField("lot_id") + " " + instant(r, "observed_at")))
                    .hasSize(parking.size())
                    .contains(P2 + " 2024-04-05T21:00:00Z", P2 + " 2024-04-05T13:00:00Z");
        }

        CliLake.Output april =
                lake.run(
                        "run",
                        "parking",
                        "--from",
                        "2024-04-06",
                        "--to",
                        "2024-04-07",
                        "--city",
                        CITY);
        assertThat(april.exit()).isZero();
        // the printed garages carry their ref.parking_lots names, not the tails of their ids
        assertThat(april.out()).contains("Wynyard", "Goulburn St").doesNotContain("| P1 ");
        lake.cli("run", "parking", "--from", "2024-10-06", "--to", "2024-10-07", "--city", CITY);
        lake.cli("run", "traffic", "--from", "2024-04-06", "--to", "2024-04-07", "--city", CITY);
        lake.cli("run", "traffic", "--from", "2024-10-06", "--to", "2024-10-07", "--city", CITY);

        try (Lake opened = Lake.open(lake.config())) {
            // parking: slots per garage per local day, from the occupancy rows and the daily rows
            Map<String, Integer> occupancyRows = new TreeMap<>();
            rows(opened, "gold.parking_occupancy", r -> r.getField("lot_id") + " " + date(r))
                    .forEach(key -> occupancyRows.merge(key, 1, Integer::sum));
            Map<String, Integer> perDay =
                    Map.of(
                            "2024-04-06", 96,
                            "2024-04-07", 100,
                            "2024-10-06", 92,
                            "2024-10-07", 96);
            Map<String, Integer> expected = new TreeMap<>();
            perDay.forEach(
                    (day, slots) -> {
                        expected.put(P1 + " " + day, slots);
                        expected.put(P2 + " " + day, slots);
                    });
            assertThat(occupancyRows).isEqualTo(expected);
            Map<String, String> daily = new TreeMap<>();
            for (Record r : records(opened, "gold.parking_daily")) {
                daily.put(
                        r.getField("lot_id") + " " + date(r),
                        r.getField("slots") + "/" + r.getField("slots_with_data"));
            }
            Map<String, String> expectedDaily = new TreeMap<>();
            expected.forEach((key, slots) -> expectedDaily.put(key, slots + "/" + slots));
            // every slot has a value: P2's offset-less times of 6 April were read in Sydney time
            assertThat(daily).isEqualTo(expectedDaily);

            // the local clock across the changes: slot starts in Sydney time, with the value
            // of the reading at the slot's start (occupied = 20 + n % 100, n from 00:00 of 6 Apr)
            Map<Instant, String> p1 = slots(opened, P1);
            assertThat(localTimes(p1, "2024-04-07T01:45+11:00", 7))
                    .containsExactly(
                            "2024-04-07T01:45+11:00 23",
                            "2024-04-07T02:00+11:00 24",
                            "2024-04-07T02:15+11:00 25",
                            "2024-04-07T02:30+11:00 26",
                            "2024-04-07T02:45+11:00 27",
                            "2024-04-07T02:00+10:00 28",
                            "2024-04-07T02:15+10:00 29");
            assertThat(localTimes(p1, "2024-04-07T02:45+10:00", 2))
                    .containsExactly("2024-04-07T02:45+10:00 31", "2024-04-07T03:00+10:00 32");
            assertThat(localTimes(p1, "2024-04-07T23:45+10:00", 1))
                    .containsExactly("2024-04-07T23:45+10:00 115");
            // n restarts at 00:00 of 6 October
            assertThat(localTimes(p1, "2024-10-06T01:30+10:00", 3))
                    .containsExactly(
                            "2024-10-06T01:30+10:00 26",
                            "2024-10-06T01:45+10:00 27",
                            "2024-10-06T03:00+11:00 28");

            // traffic: hourly windows per segment per local day, and the hours around the changes
            Map<String, Integer> hours = new TreeMap<>();
            List<String> changeHours = new ArrayList<>();
            List<String> peakHours = new ArrayList<>();
            for (Record r : records(opened, "gold.segment_congestion")) {
                if ((Integer) r.getField("window_minutes") != 60) {
                    continue;
                }
                hours.merge(r.getField("segment_id") + " " + date(r), 1, Integer::sum);
                String local = local(instant(r, "window_start"));
                if ("SYD-S1".equals(r.getField("segment_id"))) {
                    if (local.startsWith("2024-04-07T0") || local.startsWith("2024-10-06T0")) {
                        changeHours.add(local);
                    }
                    if ((Boolean) r.getField("is_peak")) {
                        peakHours.add(local);
                    }
                }
            }
            assertThat(hours)
                    .containsExactlyInAnyOrderEntriesOf(
                            Map.of(
                                    "SYD-S1 2024-04-06", 24,
                                    "SYD-S1 2024-04-07", 25,
                                    "SYD-S1 2024-10-06", 23,
                                    "SYD-S1 2024-10-07", 24,
                                    "SYD-S2 2024-04-06", 24,
                                    "SYD-S2 2024-04-07", 25,
                                    "SYD-S2 2024-10-06", 23,
                                    "SYD-S2 2024-10-07", 24));
            assertThat(changeHours.stream().sorted(this::byInstant).toList())
                    .startsWith(
                            "2024-04-07T00:00+11:00",
                            "2024-04-07T01:00+11:00",
                            "2024-04-07T02:00+11:00",
                            "2024-04-07T02:00+10:00",
                            "2024-04-07T03:00+10:00")
                    .contains(
                            "2024-10-06T00:00+10:00",
                            "2024-10-06T01:00+10:00",
                            "2024-10-06T03:00+11:00")
                    .doesNotContain("2024-10-06T02:00+10:00", "2024-10-06T02:00+11:00");
            // the city's own peak hours (ref.cities), on its only weekday here: Monday 7 October
            assertThat(peakHours.stream().sorted(this::byInstant).toList())
                    .containsExactly(
                            "2024-10-07T07:00+11:00",
                            "2024-10-07T08:00+11:00",
                            "2024-10-07T09:00+11:00",
                            "2024-10-07T16:00+11:00",
                            "2024-10-07T17:00+11:00",
                            "2024-10-07T18:00+11:00");
        }
    }

    /**
     * Perth has readings but no registration: they wait in the dead letters, a run is refused with
     * the way to register it; registered by hand and replayed, clean holds each reading once.
     */
    @Test
    void anUnregisteredCityWaitsInTheDeadLettersUntilItIsRegisteredAndReplayed() throws Exception {
        CliLake lake = new CliLake(dir);
        Path city = lake.lakeDir().resolve("feeds/perth");
        String lot = "urn:ngsi-ld:OffStreetParking:perth:P1";
        write(
                city.resolve("ref/parking_lots.jsonl"),
                List.of("{\"city\":\"perth\",\"id\":\"" + lot + "\",\"total_spots\":50}"));
        List<String> readings = new ArrayList<>();
        ZoneId perth = ZoneId.of("Australia/Perth");
        ZonedDateTime start = SAT_APR_6.atStartOfDay(perth);
        for (int n = 0; n < 96; n++) {
            readings.add(
                    parkingReading(
                            lot,
                            50,
                            10 + n % 30,
                            LocalTimes.format(start.plusMinutes(15L * n).toOffsetDateTime())));
        }
        write(city.resolve("parking.jsonl"), readings);
        lake.cli("lakehouse", "init");
        lake.cli("ref", "load");

        CliLake.Output ingest = lake.run("ingest", "--batch", "--no-progress");
        assertThat(ingest.exit()).isZero();
        assertThat(ingest.err()).contains("city 'perth' is not registered in ref.cities");
        try (Lake opened = Lake.open(lake.config())) {
            assertThat(rows(opened, "clean.parking", r -> 1)).isEmpty();
            List<String> letters =
                    rows(
                            opened,
                            "ops.dead_letter",
                            r -> r.getField("city") + " " + r.getField("reason"));
            assertThat(letters).hasSize(96).containsOnly("perth UNKNOWN_CITY");
            assertThat(rows(opened, "ops.dead_letter", r -> (String) r.getField("detail")))
                    .first()
                    .asString()
                    .contains("is not registered in ref.cities")
                    .contains("citylake city add perth");
        }

        CliLake.Output refused =
                lake.run("run", "parking", "--from", "2024-04-06", "--city", "perth");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err())
                .contains("city 'perth' is not registered in ref.cities")
                .contains(
                        "citylake city add perth --name NAME --time-zone ZONE --lon LON --lat LAT")
                .contains("<feeds>/perth/ref/cities.jsonl")
                .contains("citylake ref load");

        CliLake.Output added =
                lake.run(
                        "city",
                        "add",
                        "perth",
                        "--name",
                        "Perth",
                        "--country",
                        "AU",
                        "--time-zone",
                        "Australia/Perth",
                        "--lon",
                        "115.8605",
                        "--lat",
                        "-31.9505");
        assertThat(added.out())
                .isEqualTo(
                        "registered perth: Perth (AU), Australia/Perth, centroid 115.8605"
                                + " -31.9505, CRS EPSG:32750 (UTM zone 50S, from the centroid),"
                                + " peak MON-FRI 06-10,15-19, night 22-05\n");

        // the replay: the same file again, twice; clean takes each reading once
        lake.cli("ingest", "--batch", "--no-progress");
        lake.cli("ingest", "--batch", "--no-progress");
        try (Lake opened = Lake.open(lake.config())) {
            List<String> clean =
                    rows(opened, "clean.parking", r -> (String) r.getField("source_position"));
            assertThat(clean).hasSize(96).doesNotHaveDuplicates();
            Map<String, Integer> reasons = new TreeMap<>();
            rows(opened, "ops.dead_letter", r -> (String) r.getField("reason"))
                    .forEach(reason -> reasons.merge(reason, 1, Integer::sum));
            assertThat(reasons)
                    .containsExactlyInAnyOrderEntriesOf(
                            Map.of("DUPLICATE", 96, "UNKNOWN_CITY", 96));
        }
        lake.cli("run", "parking", "--from", "2024-04-06", "--city", "perth");
        try (Lake opened = Lake.open(lake.config())) {
            assertThat(
                            rows(
                                    opened,
                                    "gold.parking_daily",
                                    r -> r.getField("slots") + " " + r.getField("slots_with_data")))
                    .containsExactly("96 96");
        }
    }

    private static long hoursOf(LocalDate day) {
        return Duration.between(day.atStartOfDay(SYDNEY), day.plusDays(1).atStartOfDay(SYDNEY))
                .toHours();
    }

    /** 5-minute readings of both segments over the local days [from, to). */
    private static List<String> traffic(LocalDate from, LocalDate to) {
        List<String> lines = new ArrayList<>();
        ZonedDateTime end = to.atStartOfDay(SYDNEY);
        int n = 0;
        for (ZonedDateTime t = from.atStartOfDay(SYDNEY); t.isBefore(end); t = t.plusMinutes(5)) {
            for (String segment : List.of("SYD-S1", "SYD-S2")) {
                String start = LocalTimes.format(t.toOffsetDateTime());
                String stop = LocalTimes.format(t.plusMinutes(5).toOffsetDateTime());
                lines.add(
                        "{\"id\":\"urn:ngsi-ld:TrafficFlowObserved:sydney:"
                                + segment
                                + "\",\"type\":\"TrafficFlowObserved\",\"refRoadSegment\":\""
                                + segment
                                + "\",\"dateObserved\":\""
                                + start
                                + "/"
                                + stop
                                + "\",\"dateObservedFrom\":\""
                                + start
                                + "\",\"dateObservedTo\":\""
                                + stop
                                + "\",\"intensity\":"
                                + (10 + n % 5)
                                + ",\"averageVehicleSpeed\":40.0}");
            }
            n++;
        }
        return lines;
    }

    /**
     * 15-minute readings of both lots over the local days [from, to), the n-th of each lot with
     * {@code 20 + n % 100} spots taken; P2's readings of 6 April carry no offset.
     */
    private static List<String> parking(LocalDate from, LocalDate to) {
        List<String> lines = new ArrayList<>();
        ZonedDateTime end = to.atStartOfDay(SYDNEY);
        int n = 0;
        for (ZonedDateTime t = from.atStartOfDay(SYDNEY); t.isBefore(end); t = t.plusMinutes(15)) {
            int occupied = 20 + n % 100;
            String at = LocalTimes.format(t.toOffsetDateTime());
            lines.add(parkingReading(P1, 200, occupied, at));
            String p2Time =
                    t.toLocalDate().equals(SAT_APR_6)
                            ? t.toLocalDateTime().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                            : at;
            lines.add(parkingReading(P2, 100, occupied / 2, p2Time));
            n++;
        }
        return lines;
    }

    private static String parkingReading(String lot, int total, int occupied, String at) {
        return "{\"id\":\""
                + lot
                + "\",\"type\":\"OffStreetParking\",\"totalSpotNumber\":"
                + total
                + ",\"occupiedSpotNumber\":"
                + occupied
                + ",\"availableSpotNumber\":"
                + (total - occupied)
                + ",\"observationDateTime\":\""
                + at
                + "\"}";
    }

    private static String lot(String code) {
        return "urn:ngsi-ld:OffStreetParking:sydney:" + code;
    }

    /** Slot start → "occupied" of one lot's occupancy rows. */
    private static Map<Instant, String> slots(Lake lake, String lot) throws IOException {
        Map<Instant, String> slots = new TreeMap<>();
        for (Record r : records(lake, "gold.parking_occupancy")) {
            if (lot.equals(r.getField("lot_id"))) {
                slots.put(instant(r, "slot_start"), String.valueOf(r.getField("occupied_spots")));
            }
        }
        return slots;
    }

    /** {@code count} slots from the one starting at {@code first}: "local start occupied". */
    private static List<String> localTimes(Map<Instant, String> slots, String first, int count) {
        Instant from = OffsetDateTime.parse(first).toInstant();
        return slots.entrySet().stream()
                .filter(e -> !e.getKey().isBefore(from))
                .limit(count)
                .map(e -> local(e.getKey()) + " " + e.getValue())
                .toList();
    }

    private int byInstant(String a, String b) {
        return OffsetDateTime.parse(a).toInstant().compareTo(OffsetDateTime.parse(b).toInstant());
    }

    /** {@code 2024-04-07T02:00+10:00}: the instant on Sydney's clock. */
    private static String local(Instant t) {
        return t.atZone(SYDNEY).toOffsetDateTime().toString();
    }

    private static Instant instant(Record r, String column) {
        return ((OffsetDateTime) r.getField(column)).toInstant();
    }

    private static String date(Record r) {
        return r.getField("local_date").toString();
    }

    private static List<Record> records(Lake lake, String table) throws IOException {
        List<Record> out = new ArrayList<>();
        try (CloseableIterable<Record> rows = IcebergGenerics.read(lake.table(table)).build()) {
            rows.forEach(r -> out.add(r.copy()));
        }
        return out;
    }

    private static <T> List<T> rows(Lake lake, String table, Function<Record, T> f)
            throws IOException {
        return records(lake, table).stream().map(f).toList();
    }

    private static void write(Path file, List<String> lines) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, lines);
    }
}
