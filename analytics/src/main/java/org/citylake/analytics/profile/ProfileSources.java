package org.citylake.analytics.profile;

import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.table.data.RowData;
import org.apache.flink.util.Collector;
import org.citylake.analytics.lighting.LightingTables;
import org.citylake.analytics.parking.ParkingTables;
import org.citylake.analytics.traffic.TrafficTables;
import org.citylake.lakehouse.tables.TableRegistry;
import org.citylake.model.AnalyticsPeriod;
import org.citylake.model.EntityType;

/**
 * What the street profile reads of each domain, and the row → part mappings. Each mapping checks
 * the city and the days again (the scan filters only prune files) and puts the row on its road
 * segment ({@link ProfileNetwork}); a row whose asset joins no segment is left out.
 */
final class ProfileSources {

    static final String CONGESTION = TrafficTables.SEGMENT_CONGESTION;
    static final String PARKING_DAILY = ParkingTables.DAILY;
    static final String LIGHTING_ENERGY = LightingTables.ENERGY;
    static final String LIGHTING_FAULTS = LightingTables.FAULTS;
    static final String WASTE_COLLECTION = EntityType.WASTE_COLLECTION.cleanTable();
    static final String AIR_QUALITY = EntityType.AIR_QUALITY_OBSERVED.cleanTable();

    /** The tables read, in the order of the profile's column groups. */
    static final List<String> TABLES =
            List.of(
                    CONGESTION,
                    PARKING_DAILY,
                    LIGHTING_ENERGY,
                    LIGHTING_FAULTS,
                    WASTE_COLLECTION,
                    AIR_QUALITY);

    static final List<String> CONGESTION_COLUMNS =
            List.of(
                    TableRegistry.CITY,
                    "segment_id",
                    "window_minutes",
                    "local_date",
                    "is_peak",
                    "flow",
                    "tti",
                    "free_flow_time_s");
    static final List<String> PARKING_COLUMNS =
            List.of(TableRegistry.CITY, "lot_id", "local_date", "capacity", "peak_occupancy");
    static final List<String> ENERGY_COLUMNS =
            List.of(
                    TableRegistry.CITY,
                    LightingTables.NIGHT,
                    "scope_level",
                    "scope_id",
                    "lamps",
                    "kwh",
                    "kwh_estimated",
                    "lit_km");
    static final List<String> FAULT_COLUMNS =
            List.of(TableRegistry.CITY, LightingTables.NIGHT, "fault_type", "entity_id", "lamp_id");
    static final List<String> PICKUP_COLUMNS =
            List.of(
                    TableRegistry.CITY,
                    "container_id",
                    TableRegistry.OBSERVED_AT,
                    "fill_before",
                    "weight_kg");
    static final List<String> AIR_COLUMNS =
            List.of(TableRegistry.CITY, "station_id", TableRegistry.OBSERVED_AT, "pm25");

    private ProfileSources() {}

    /** The city and the days of a run, as the mappings check them. */
    record Days(String city, int fromEpochDay, int toEpochDay, String zone)
            implements Serializable {
        static Days of(AnalyticsPeriod days) {
            return new Days(
                    days.city(),
                    (int) days.from().toEpochDay(),
                    (int) days.to().toEpochDay(),
                    days.zone().getId());
        }

        boolean holds(RowData row, int cityPos, int epochDay) {
            return city.equals(row.getString(cityPos).toString())
                    && epochDay >= fromEpochDay
                    && epochDay <= toEpochDay;
        }

        int localDay(long epochMillis) {
            return (int)
                    Instant.ofEpochMilli(epochMillis)
                            .atZone(ZoneId.of(zone))
                            .toLocalDate()
                            .toEpochDay();
        }
    }

    private static Double number(RowData row, int pos) {
        return row.isNullAt(pos) ? null : row.getDouble(pos);
    }

    /** An hour of gold.segment_congestion → its segment's day. */
    static final class TrafficHours implements FlatMapFunction<RowData, ProfilePart> {
        private final Days days;

        TrafficHours(Days days) {
            this.days = days;
        }

        @Override
        public void flatMap(RowData r, Collector<ProfilePart> out) {
            int day = r.getInt(3);
            if (r.getInt(2) != 60 || !days.holds(r, 0, day)) {
                return;
            }
            out.collect(
                    ProfilePart.trafficHour(
                            r.getString(1).toString(),
                            day,
                            r.getLong(5),
                            number(r, 6),
                            number(r, 7),
                            r.getBoolean(4)));
        }
    }

    /** A garage's day of gold.parking_daily → the segment the garage belongs to. */
    static final class ParkingDays implements FlatMapFunction<RowData, ProfilePart> {
        private final Days days;
        private final ProfileNetwork network;

        ParkingDays(Days days, ProfileNetwork network) {
            this.days = days;
            this.network = network;
        }

        @Override
        public void flatMap(RowData r, Collector<ProfilePart> out) {
            int day = r.getInt(2);
            if (!days.holds(r, 0, day)) {
                return;
            }
            String lot = r.getString(1).toString();
            network.roadOfLot(lot)
                    .ifPresent(
                            m ->
                                    out.collect(
                                            ProfilePart.parkingLot(
                                                    m.id(),
                                                    day,
                                                    lot,
                                                    r.isNullAt(3) ? null : r.getInt(3),
                                                    number(r, 4))));
        }
    }

    /** A lit segment's night of gold.lighting_energy → the road segment it belongs to. */
    static final class LitNights implements FlatMapFunction<RowData, ProfilePart> {
        private final Days days;
        private final ProfileNetwork network;

        LitNights(Days days, ProfileNetwork network) {
            this.days = days;
            this.network = network;
        }

        @Override
        public void flatMap(RowData r, Collector<ProfilePart> out) {
            int night = r.getInt(1);
            if (!days.holds(r, 0, night) || !"segment".equals(r.getString(2).toString())) {
                return;
            }
            String lit = r.getString(3).toString();
            network.roadOfLitSegment(lit)
                    .ifPresent(
                            m ->
                                    out.collect(
                                            ProfilePart.lightingSegment(
                                                    m.id(),
                                                    night,
                                                    lit,
                                                    r.getDouble(5) + r.getDouble(6),
                                                    r.getDouble(7),
                                                    r.getInt(4))));
        }
    }

    /** A lamp fault of gold.lighting_faults → the road segment of the lamp. */
    static final class LampFaults implements FlatMapFunction<RowData, ProfilePart> {
        private final Days days;
        private final ProfileNetwork network;

        LampFaults(Days days, ProfileNetwork network) {
            this.days = days;
            this.network = network;
        }

        @Override
        public void flatMap(RowData r, Collector<ProfilePart> out) {
            int night = r.getInt(1);
            if (!days.holds(r, 0, night) || r.isNullAt(4)) {
                return;
            }
            String lamp = r.getString(4).toString();
            String fault = r.getString(2) + ":" + r.getString(3);
            network.roadOfLamp(lamp)
                    .ifPresent(m -> out.collect(ProfilePart.lightingFault(m.id(), night, fault)));
        }
    }

    /** A pickup of clean.waste_collection → the segment its bin stands on. */
    static final class Pickups implements FlatMapFunction<RowData, ProfilePart> {
        private final Days days;
        private final ProfileNetwork network;
        private final double overflowLevel;

        Pickups(Days days, ProfileNetwork network, double overflowLevel) {
            this.days = days;
            this.network = network;
            this.overflowLevel = overflowLevel;
        }

        @Override
        public void flatMap(RowData r, Collector<ProfilePart> out) {
            int day = days.localDay(r.getTimestamp(2, 6).getMillisecond());
            if (!days.holds(r, 0, day)) {
                return;
            }
            String bin = r.getString(1).toString();
            Double fill = number(r, 3);
            network.roadOfBin(bin)
                    .ifPresent(
                            m ->
                                    out.collect(
                                            ProfilePart.wastePickup(
                                                    m.id(),
                                                    day,
                                                    bin,
                                                    number(r, 4),
                                                    fill != null && fill >= overflowLevel)));
        }
    }

    /**
     * A PM2.5 reading of clean.air_quality → a part of its station's day (no segment yet: {@link
     * AirDays} averages the day and hands it to the station's segments); a = PM2.5.
     */
    static final class AirReadings implements FlatMapFunction<RowData, ProfilePart> {
        private final Days days;

        AirReadings(Days days) {
            this.days = days;
        }

        @Override
        public void flatMap(RowData r, Collector<ProfilePart> out) {
            int day = days.localDay(r.getTimestamp(2, 6).getMillisecond());
            if (!days.holds(r, 0, day) || r.isNullAt(3)) {
                return;
            }
            out.collect(
                    ProfilePart.airDay(null, day, r.getString(1).toString(), r.getDouble(3), 1, 0));
        }
    }
}
