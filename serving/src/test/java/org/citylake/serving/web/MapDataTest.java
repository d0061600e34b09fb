package org.citylake.serving.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.citylake.model.City;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

class MapDataTest {

    static final City AARHUS =
            City.of("aarhus", "Aarhus", "DK", "Europe/Copenhagen", 10.2, 56.15, "EPSG:32632", null);

    @Test
    void lonLatGeometryIsKeptAsItIs() {
        Geometry g = MapData.geometry(AARHUS, "LINESTRING (10.2 56.15, 10.21 56.16)");
        assertThat(g.getCoordinates()[0]).isEqualTo(new Coordinate(10.2, 56.15));
    }

    @Test
    void metricGeometryIsReprojectedFromTheCitysCrs() {
        // Aarhus's centre in UTM 32N is about (575 600, 6 223 000)
        Geometry g = MapData.geometry(AARHUS, "LINESTRING (575600 6223000, 575700 6223000)");
        Coordinate c = g.getCoordinates()[0];
        assertThat(c.x).isCloseTo(10.21, within(0.01));
        assertThat(c.y).isCloseTo(56.15, within(0.01));
        assertThat(MapData.geometry(AARHUS, " ")).isNull();
        assertThatThrownBy(() -> MapData.geometry(AARHUS, "LINE (1 2)"))
                .hasMessageStartingWith("geometry of city aarhus is not WKT");
    }

    @Test
    void tticolouredByGaodeBands() {
        Kpi tti = kpi(Kpi.GAODE_BANDS, false);
        assertThat(MapData.classes(tti, Map.of("a", 1.2))).isEqualTo(Kpi.GAODE_BANDS);
    }

    @Test
    void otherKpisByQuantilesGoodToBad() {
        Map<String, Double> values =
                Map.of(
                        "a", 1.0, "b", 2.0, "c", 3.0, "d", 4.0, "e", 5.0, "f", 6.0, "g", 7.0, "h",
                        8.0, "i", 9.0, "j", 10.0);
        List<Kpi.ColourClass> classes = MapData.classes(kpi(null, false), values);
        assertThat(classes).hasSize(5);
        assertThat(classes.get(0).from()).isNull();
        assertThat(classes.get(4).to()).isNull();
        assertThat(classes.get(0).color()).isEqualTo(Kpi.RAMP.get(0));
        assertThat(classes.get(4).color()).isEqualTo(Kpi.RAMP.get(4));
        assertThat(classes)
                .extracting(Kpi.ColourClass::label)
                .containsExactly("< 2.00", "2.00 – 4.00", "4.00 – 6.00", "6.00 – 8.00", "≥ 8.00");
        // higher is better: the ramp turns round
        assertThat(MapData.classes(kpi(null, true), values).get(0).color())
                .isEqualTo(Kpi.RAMP.get(4));
        // one distinct value: a class below it and one from it
        assertThat(MapData.classes(kpi(null, false), Map.of("a", 3.0, "b", 3.0))).hasSize(2);
        assertThat(MapData.classes(kpi(null, false), Map.of())).isEmpty();
    }

    @Test
    void theUnitOfAStreetProfileColumnIsTheEndOfItsComment() {
        assertThat(MapData.unitOf("weight collected, kg")).isEqualTo("kg");
        assertThat(MapData.unitOf("lighting_kwh / lighting_lit_km, kWh/km")).isEqualTo("kWh/km");
        assertThat(MapData.unitOf("their pickups (clean.waste_collection)")).isEmpty();
        assertThat(MapData.unitOf("hours with a TTI")).isEmpty();
        assertThat(MapData.unitOf(null)).isEmpty();
        assertThat(MapData.labelOf("waste_kg", "weight collected, kg"))
                .isEqualTo("weight collected");
        assertThat(MapData.labelOf("waste_kg", null)).isEqualTo("waste_kg");
        assertThat(MapData.labelOf("traffic_hours", "hours with a TTI"))
                .isEqualTo("hours with a TTI");
    }

    static Kpi kpi(List<Kpi.ColourClass> classes, boolean higherBetter) {
        return new Kpi("k", "K", "", "gold.t", "id", "day", Map.of(), "k", classes, higherBetter);
    }
}
