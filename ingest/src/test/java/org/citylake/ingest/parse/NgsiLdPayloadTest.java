package org.citylake.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.citylake.ingest.parse.ParserFixtures.accepted;
import static org.citylake.ingest.parse.ParserFixtures.ngsiLd;

import java.time.Instant;
import org.citylake.model.EntityType;
import org.citylake.model.Feed;
import org.junit.jupiter.api.Test;

/**
 * NGSI-LD normalized payloads (src/test/resources/ngsi-ld, one fully populated entity per type):
 * Property, Relationship ({@code object}), GeoProperty, typed DateTime literals, VocabProperty,
 * {@code unitCode} and {@code @context} (both ignored).
 */
class NgsiLdPayloadTest {

    @Test
    void trafficFlowObserved() {
        ParsedReading reading = accepted(Feed.TRAFFIC, ngsiLd(EntityType.TRAFFIC_FLOW_OBSERVED));

        assertThat(reading.entityId())
                .isEqualTo("urn:ngsi-ld:TrafficFlowObserved:158324-1-20240312T0800");
        // Relationship URNs are kept as given.
        assertThat(reading.sensorId()).isEqualTo("urn:ngsi-ld:RoadSegment:158324");
        assertThat(reading.observedAt()).isEqualTo(Instant.parse("2024-03-12T08:00:00Z"));
        assertThat(reading.values())
                .containsOnly(
                        entry("segment_id", "urn:ngsi-ld:RoadSegment:158324"),
                        entry("lane_id", 1),
                        entry("interval_s", 300),
                        entry("intensity", 42L),
                        entry("avg_speed_kmh", 48.5),
                        entry("avg_travel_time_s", 61.2),
                        entry("median_travel_time_s", 58.0),
                        entry("occupancy", 0.12),
                        entry("congested", false));
    }

    @Test
    void airQualityObserved() {
        ParsedReading reading = accepted(Feed.AIR, ngsiLd(EntityType.AIR_QUALITY_OBSERVED));

        // No refPointOfInterest: the station is refDevice.
        assertThat(reading.sensorId()).isEqualTo("urn:ngsi-ld:Device:station-7");
        // "2024-03-12T09:00:00" has no offset: Madrid time, CET.
        assertThat(reading.observedAt()).isEqualTo(Instant.parse("2024-03-12T08:00:00Z"));
        assertThat(reading.values())
                .containsOnly(
                        entry("station_id", "urn:ngsi-ld:Device:station-7"),
                        entry("pm25", 8.4),
                        entry("pm10", 17.9),
                        entry("no2", 31.2),
                        entry("o3", 54.0),
                        entry("so2", 2.1),
                        entry("co", 310.0),
                        entry("temperature_c", 6.5),
                        entry("dew_point_c", 1.2),
                        entry("relative_humidity", 0.54), // sent as 54 %
                        entry("pressure_hpa", 1013.2), // atmosphericPressure wins over pressure
                        entry("wind_speed_ms", 4.6),
                        entry("wind_direction_deg", 225.0),
                        entry("precipitation_mm", 0.4),
                        entry("cumulated_wind_speed_ms", 12.8),
                        entry("cumulated_snow_h", 0.0),
                        entry("cumulated_rain_h", 3.0));
    }

    @Test
    void streetlight() {
        ParsedReading reading = accepted(Feed.LIGHTING, ngsiLd(EntityType.STREETLIGHT));

        assertThat(reading.sensorId()).isEqualTo("urn:ngsi-ld:Streetlight:lamp-0042");
        assertThat(reading.observedAt()).isEqualTo(Instant.parse("2024-03-12T17:30:00Z"));
        assertThat(reading.values())
                .containsOnly(
                        entry("lamp_id", "urn:ngsi-ld:Streetlight:lamp-0042"),
                        entry("power_state", "on"),
                        entry("status", "defectiveLamp"),
                        entry("illuminance_level", 0.8),
                        entry("power_w", 68.5),
                        entry("energy_kwh", 1234.5),
                        entry("cabinet_id", "urn:ngsi-ld:StreetlightControlCabinet:cab-3"));
    }

    @Test
    void streetlightControlCabinet() {
        ParsedReading reading =
                accepted(Feed.LIGHTING, ngsiLd(EntityType.STREETLIGHT_CONTROL_CABINET));

        assertThat(reading.sensorId()).isEqualTo("urn:ngsi-ld:StreetlightControlCabinet:cab-3");
        assertThat(reading.observedAt()).isEqualTo(Instant.parse("2024-03-12T18:00:00Z"));
        assertThat(reading.values())
                .containsOnly(
                        entry("cabinet_id", "urn:ngsi-ld:StreetlightControlCabinet:cab-3"),
                        entry("energy_kwh", 162456.5),
                        entry("last_meter_reading_kwh", 161237.0),
                        entry("total_active_power_kw", 3.75),
                        entry("working_mode", "semiautomatic")); // a VocabProperty
    }

    @Test
    void wasteContainer() {
        ParsedReading reading = accepted(Feed.WASTE, ngsiLd(EntityType.WASTE_CONTAINER));

        assertThat(reading.sensorId()).isEqualTo("urn:ngsi-ld:WasteContainer:bin-117");
        assertThat(reading.observedAt()).isEqualTo(Instant.parse("2024-03-12T07:15:00Z"));
        assertThat(reading.values())
                .containsOnly(
                        entry("container_id", "urn:ngsi-ld:WasteContainer:bin-117"),
                        entry("filling_level", 0.73),
                        entry("cargo_weight_kg", 41.5),
                        entry("category", "underground,fixed"),
                        entry("status", "lidOpen"),
                        entry("date_last_emptying", Instant.parse("2024-03-10T06:40:00Z")));
    }

    @Test
    void wasteCollection() {
        ParsedReading reading = accepted(Feed.WASTE, ngsiLd(EntityType.WASTE_COLLECTION));

        assertThat(reading.entityId())
                .isEqualTo("urn:ngsi-ld:WasteCollection:bin-117-20240312T0720");
        assertThat(reading.sensorId()).isEqualTo("urn:ngsi-ld:WasteContainer:bin-117");
        assertThat(reading.observedAt()).isEqualTo(Instant.parse("2024-03-12T07:20:00Z"));
        assertThat(reading.values())
                .containsOnly(
                        entry("container_id", "urn:ngsi-ld:WasteContainer:bin-117"),
                        entry("vehicle_id", "urn:ngsi-ld:Vehicle:truck-9"),
                        entry("fill_before", 0.91),
                        entry("fill_after", 0.02),
                        entry("volume_l", 1100.0),
                        entry("weight_kg", 86.4));
    }

    @Test
    void offStreetParking() {
        ParsedReading reading = accepted(Feed.PARKING, ngsiLd(EntityType.OFF_STREET_PARKING));

        assertThat(reading.sensorId()).isEqualTo("urn:ngsi-ld:OffStreetParking:lot-5");
        assertThat(reading.observedAt()).isEqualTo(Instant.parse("2024-03-12T12:00:00Z"));
        assertThat(reading.values())
                .containsOnly(
                        entry("lot_id", "urn:ngsi-ld:OffStreetParking:lot-5"),
                        entry("total_spots", 400),
                        entry("available_spots", 100),
                        entry("occupied_spots", 290),
                        entry("occupancy", 0.725),
                        entry("status", "open,spacesAvailable"));
    }
}
