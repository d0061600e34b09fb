package org.citylake.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class CityTest {

    static City sydney() {
        return City.of(
                "sydney", "Sydney", "au", "Australia/Sydney", 151.2093, -33.8688, null, null);
    }

    @Test
    void crsIsTheUtmZoneOfTheCentroidWhenNotGiven() {
        assertThat(sydney().crs()).isEqualTo("EPSG:32756");
        assertThat(
                        City.of(
                                        "aarhus",
                                        "Aarhus",
                                        "DK",
                                        "Europe/Copenhagen",
                                        10.2039,
                                        56.1629,
                                        null,
                                        null)
                                .crs())
                .isEqualTo("EPSG:32632");
        assertThat(
                        City.of(
                                        "beijing",
                                        "Beijing",
                                        "CN",
                                        "Asia/Shanghai",
                                        116.4074,
                                        39.9042,
                                        "",
                                        null)
                                .crs())
                .isEqualTo("EPSG:32650");
        assertThat(
                        City.of(
                                        "edinburgh",
                                        "Edinburgh",
                                        "GB",
                                        "Europe/London",
                                        -3.1883,
                                        55.9533,
                                        null,
                                        null)
                                .crs())
                .isEqualTo("EPSG:32630");
        // zone edges: 6° wide from 180°W; 180°E stays in zone 60; the equator counts as north
        assertThat(MetricCrs.utm(-180, 0)).isEqualTo("EPSG:32601");
        assertThat(MetricCrs.utm(180, -0.001)).isEqualTo("EPSG:32760");
        assertThat(MetricCrs.utm(6.0, 10)).isEqualTo("EPSG:32632");
        assertThat(MetricCrs.utm(5.999, 10)).isEqualTo("EPSG:32631");
    }

    @Test
    void aGivenCrsIsKeptNormalised() {
        City aarhus =
                City.of(
                        "aarhus",
                        "Aarhus",
                        "DK",
                        "Europe/Copenhagen",
                        10.2,
                        56.16,
                        "epsg:25832",
                        null);
        assertThat(aarhus.crs()).isEqualTo("EPSG:25832");
        assertThat(MetricCrs.describe("EPSG:32756")).isEqualTo("UTM zone 56S");
        assertThat(MetricCrs.describe("EPSG:32632")).isEqualTo("UTM zone 32N");
        assertThat(MetricCrs.describe("EPSG:25832")).isEmpty();
        assertThatThrownBy(
                        () ->
                                City.of(
                                        "aarhus",
                                        "Aarhus",
                                        null,
                                        "Europe/Copenhagen",
                                        10.2,
                                        56.16,
                                        "UTM32",
                                        null))
                .hasMessageContaining("CRS 'UTM32' is not an EPSG code")
                .hasMessageContaining("e.g. EPSG:32632");
    }

    @Test
    void aBadTimeZoneIsRefusedWithAnExampleOfAGoodOne() {
        for (String bad : List.of("Sydney", "Australia/Sidney", "+10:00", "AEST", "")) {
            assertThatThrownBy(
                            () -> City.of("sydney", "Sydney", "AU", bad, 151.2, -33.9, null, null))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("time zone '" + bad + "' is not an IANA time zone id")
                    .hasMessageContaining("e.g. Europe/Copenhagen or Australia/Sydney");
        }
        assertThat(sydney().zone()).isEqualTo(ZoneId.of("Australia/Sydney"));
    }

    @Test
    void idNameCountryAndCentroidAreChecked() {
        assertThatThrownBy(
                        () ->
                                City.of(
                                        "Sydney",
                                        "Sydney",
                                        null,
                                        "Australia/Sydney",
                                        151,
                                        -33,
                                        null,
                                        null))
                .hasMessageContaining("city id 'Sydney': use lower-case letters");
        assertThatThrownBy(
                        () ->
                                City.of(
                                        "sydney",
                                        " ",
                                        null,
                                        "Australia/Sydney",
                                        151,
                                        -33,
                                        null,
                                        null))
                .hasMessageContaining("no name given");
        assertThatThrownBy(
                        () ->
                                City.of(
                                        "sydney",
                                        "Sydney",
                                        "AUS",
                                        "Australia/Sydney",
                                        151,
                                        -33,
                                        null,
                                        null))
                .hasMessageContaining("country 'AUS' is not an ISO 3166-1 alpha-2 code");
        assertThatThrownBy(
                        () ->
                                City.of(
                                        "sydney",
                                        "Sydney",
                                        null,
                                        "Australia/Sydney",
                                        -33.9,
                                        151.2,
                                        null,
                                        null))
                .hasMessageContaining("is not a WGS84 lon/lat position")
                .hasMessageContaining("swapped");
        assertThat(sydney().country()).isEqualTo("AU");
        assertThat(City.of("x", "X", " ", "UTC", 0, 0, null, null).country()).isNull();
    }

    @Test
    void policyDefaultsToInrixPeaksAndTheNightFromTenToFive() {
        CityPolicy policy = sydney().policy();
        assertThat(policy.peakDays()).isEqualTo(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));
        assertThat(policy.peakHours()).containsExactly(new HourRange(6, 10), new HourRange(15, 19));
        assertThat(policy.nightStartHour()).isEqualTo(22);
        assertThat(policy.nightEndHour()).isEqualTo(5);
        assertThat(policy).isEqualTo(CityPolicy.defaults());
    }

    @Test
    void travelsSerialized() throws Exception {
        CityRegistry registry = CityRegistry.of(sydney());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(registry);
        }
        try (ObjectInputStream in =
                new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            CityRegistry back = (CityRegistry) in.readObject();
            assertThat(back).isEqualTo(registry);
            assertThat(back.require("sydney")).isEqualTo(sydney());
        }
    }

    @Test
    void anUnregisteredCityIsRefusedWithTheCommandAndTheFileThatRegisterIt() {
        CityRegistry registry = CityRegistry.of(sydney());
        assertThat(registry.find("perth")).isEmpty();
        assertThatThrownBy(() -> registry.require("perth"))
                .isInstanceOf(UnknownCityException.class)
                .hasMessageContaining("city 'perth' is not registered in ref.cities")
                .hasMessageContaining(
                        "citylake city add perth --name NAME --time-zone ZONE --lon LON --lat LAT")
                .hasMessageContaining("<feeds>/perth/ref/cities.jsonl")
                .hasMessageContaining("citylake ref load")
                .hasMessageContaining(
                        "{\"city\":\"perth\",\"name\":\"NAME\",\"time_zone\":\"ZONE\"");
        assertThatThrownBy(() -> CityRegistry.of(sydney(), sydney()))
                .hasMessageContaining("registered twice");
    }
}
