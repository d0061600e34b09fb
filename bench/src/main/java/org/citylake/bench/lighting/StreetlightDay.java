package org.citylake.bench.lighting;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.citylake.bench.cityday.CityDayFeed;
import org.citylake.bench.cityday.Seeds;
import org.citylake.geo.sun.SolarDay;
import org.citylake.model.City;
import org.citylake.model.EntityType;
import org.citylake.testdata.BundledCities;
import org.citylake.testdata.lighting.InventoryBuilder;
import org.citylake.testdata.lighting.InventoryBuilder.LampSite;
import org.citylake.testdata.lighting.LampInventory;
import org.citylake.testdata.lighting.LightingTelemetry;
import org.citylake.testdata.lighting.LitSegment;
import org.citylake.testdata.lighting.Technology;
import org.citylake.testdata.lighting.TelemetrySettings;

/**
 * Street lamps of Aarhus reporting every 15 minutes on 2014-08-18 ({@code Streetlight}, keyValues),
 * written by the product's lighting generator ({@link LightingTelemetry}: photocell switching at
 * the cabinet's sunset and sunrise within 10 minutes, 50 % dimming from 00:00 to 05:00 on
 * residential streets, exact lifetime energy) on an inventory grouped by the product ({@link
 * InventoryBuilder#group}: circuits of ≤ 30 lamps, cabinets of ≤ 4 circuits by place). There is no
 * OSM extract of Aarhus here, so the lamps stand at seeded positions within about 5 km of the city
 * hall, 30 to a residential street; technology LED (70 W) on 60 % of them, else HPS (180 W). No
 * faults are injected and cabinets do not report: every lamp sends all 96 readings. Full scale:
 * 56,000 lamps × 96 readings = 5.376 M.
 */
public final class StreetlightDay implements CityDayFeed {

    public static final int FULL_SCALE_LAMPS = 56_000;
    public static final String CITY = "aarhus";
    public static final LocalDate DAY = LocalDate.of(2014, 8, 18);
    public static final ZoneId ZONE = BundledCities.AARHUS.zone();

    /** Aarhus city hall. */
    static final double LAT = 56.1535;

    static final double LON = 10.2039;

    static final int LAMPS_PER_STREET = 30;

    private final int lamps;
    private final long seed;
    private final Instant sunrise;
    private final Instant sunset;

    public StreetlightDay(double scale, long seed) {
        this.lamps = CityDayFeed.atScale(FULL_SCALE_LAMPS, scale);
        this.seed = seed;
        this.sunrise = SolarDay.of(DAY.minusDays(1), LAT, LON, ZONE).sunrise();
        this.sunset = SolarDay.of(DAY, LAT, LON, ZONE).sunset();
    }

    @Override
    public EntityType entityType() {
        return EntityType.STREETLIGHT;
    }

    @Override
    public String city() {
        return CITY;
    }

    @Override
    public int sensors() {
        return lamps;
    }

    @Override
    public int readingsPerSensor() {
        return 96;
    }

    /** Sunrise on the day at the city hall. */
    public Instant sunrise() {
        return sunrise;
    }

    /** Sunset on the day at the city hall. */
    public Instant sunset() {
        return sunset;
    }

    /** The lamps, grouped into circuits and cabinets by the product. */
    LampInventory inventory() {
        City city = BundledCities.AARHUS;
        List<LampSite> sites = new ArrayList<>(lamps);
        List<LitSegment> streets = new ArrayList<>();
        for (int i = 0; i < lamps; i++) {
            int street = i / LAMPS_PER_STREET + 1;
            String segment = LitSegment.idOf(street);
            double lon = Seeds.round(LON + Seeds.between(seed, i, 5, -0.08, 0.08), 6);
            double lat = Seeds.round(LAT + Seeds.between(seed, i, 6, -0.05, 0.05), 6);
            sites.add(
                    new LampSite(
                            InventoryBuilder.lampId(CITY, street, i % LAMPS_PER_STREET + 1),
                            segment,
                            Seeds.unit(seed, street, 1) < 0.6 ? Technology.LED : Technology.HPS,
                            lon,
                            lat,
                            "residential"));
            if (i % LAMPS_PER_STREET == 0) {
                streets.add(
                        new LitSegment(
                                segment,
                                "street " + street,
                                "residential",
                                "assumed",
                                null,
                                null,
                                LAMPS_PER_STREET * 30.0,
                                null,
                                null));
            }
        }
        return InventoryBuilder.group(CITY, city.crs(), streets, sites, List.of());
    }

    @Override
    public long write(Path feedsDir) throws IOException {
        LampInventory inventory = inventory();
        inventory.write(feedsDir);
        TelemetrySettings settings =
                new TelemetrySettings(
                        DAY.atStartOfDay(ZONE).toInstant(),
                        DAY.plusDays(1).atStartOfDay(ZONE).toInstant(),
                        Duration.ofMinutes(15),
                        seed,
                        0,
                        0,
                        false,
                        TelemetrySettings.DEFAULT_PHOTOCELL_OFFSET_MAX);
        return LightingTelemetry.write(
                        BundledCities.AARHUS,
                        inventory,
                        settings,
                        feedsDir,
                        LightingTelemetry.Progress.NONE)
                .lampReports();
    }
}
