package org.citylake.analytics.waste;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

/**
 * Waste KPIs per district and day: which district a bin stands in, and a day's pickups summed by
 * district, with the expected values worked out by hand below.
 */
class DistrictDaysTest {

    private static final Schema DISTRICTS =
            new Schema(
                    Types.NestedField.required(1, "district_id", Types.StringType.get()),
                    Types.NestedField.optional(2, "name", Types.StringType.get()),
                    Types.NestedField.optional(3, "geometry_wkt", Types.StringType.get()));

    private static Record district(String id, String name, String wkt) {
        Record r = GenericRecord.create(DISTRICTS);
        r.setField("district_id", id);
        r.setField("name", name);
        r.setField("geometry_wkt", wkt);
        return r;
    }

    /**
     * West [0,1]x[0,1] and east [1,2]x[0,1] share the edge x = 1; north lies over [0,2]x[1.5,2].
     */
    static final List<Record> AREAS =
            List.of(
                    district("w", "West", "POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))"),
                    district("e", "East", "POLYGON ((1 0, 2 0, 2 1, 1 1, 1 0))"),
                    district("n", "North", "POLYGON ((0 1.5, 2 1.5, 2 2, 0 2, 0 1.5))"));

    static WasteAssets assets() {
        Map<String, WasteAssets.Bin> bins =
                Map.of(
                        "a", new WasteAssets.Bin("a", 0.5, 0.5, 240.0, "Mixed"), // west
                        "b", new WasteAssets.Bin("b", 1.0, 0.5, 240.0, "Mixed"), // on the edge
                        "c", new WasteAssets.Bin("c", 1.5, 0.5, 240.0, "Mixed"), // east
                        "d", new WasteAssets.Bin("d", 1.5, 1.2, 240.0, "Mixed"), // in none
                        "x", new WasteAssets.Bin("x", Double.NaN, Double.NaN, null, "Mixed"));
        return new WasteAssets(bins, Map.of(), Map.of(), WasteAssets.areas(bins, AREAS));
    }

    @Test
    void aBinBelongsToTheCoveringDistrictTheSmallerIdOnAnEdgeElseOutside() {
        WasteAssets assets = assets();
        assertThat(assets.areaOf("a")).isEqualTo(new WasteAssets.Area("w", "West"));
        // on the shared edge x = 1: both cover it, "e" < "w"
        assertThat(assets.areaOf("b")).isEqualTo(new WasteAssets.Area("e", "East"));
        assertThat(assets.areaOf("c")).isEqualTo(new WasteAssets.Area("e", "East"));
        assertThat(assets.areaOf("d").id()).isEqualTo(WasteAssets.OUTSIDE);
        assertThat(assets.areaOf("x").id()).isEqualTo(WasteAssets.OUTSIDE);
        assertThat(assets.areaOf("unknown-bin").id()).isEqualTo(WasteAssets.OUTSIDE);
    }

    @Test
    void aCityWithoutDistrictsHasEveryBinOutside() {
        Map<String, WasteAssets.Bin> bins =
                Map.of("a", new WasteAssets.Bin("a", 0.5, 0.5, 240.0, "Mixed"));
        assertThat(WasteAssets.areas(bins, List.of())).isEmpty();
        assertThat(new WasteAssets(bins, Map.of(), Map.of()).areaOf("a").id())
                .isEqualTo(WasteAssets.OUTSIDE);
    }

    @Test
    void anUnreadablePolygonNamesTheDistrictAndTheFix() {
        Map<String, WasteAssets.Bin> bins =
                Map.of("a", new WasteAssets.Bin("a", 0.5, 0.5, 240.0, "Mixed"));
        assertThatThrownBy(
                        () ->
                                WasteAssets.areas(
                                        bins, List.of(district("z", "Z", "POLYGON ((0 0, 1"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("district z")
                .hasMessageContaining("citylake ref load");
    }

    @Test
    void aDaysPickupsSumByDistrict() {
        List<BinEvent> pickups = new ArrayList<>();
        // west: bin a twice (fill 0.2 and 0.9, 10 + 30 kg)
        pickups.add(BinEvent.pickup("a", "v1", 1_000, 0.2, 0.0, 10.0));
        pickups.add(BinEvent.pickup("a", "v1", 2_000, 0.9, 0.0, 30.0));
        // east: b (fill 1.0: an overflow, 25 kg), c (no level reported, no weight)
        pickups.add(BinEvent.pickup("b", "v2", 3_000, 1.0, 0.0, 25.0));
        pickups.add(BinEvent.pickup("c", "v2", 4_000, null, null, null));
        // outside: d (0.5, 5 kg) and the unplaced x (0.1, 1 kg)
        pickups.add(BinEvent.pickup("d", "v2", 5_000, 0.5, 0.0, 5.0));
        pickups.add(BinEvent.pickup("x", "v2", 6_000, 0.1, 0.0, 1.0));

        List<DistrictDayRow> rows =
                DistrictDays.of(20_000, pickups, assets(), WasteKpiKnownAnswersTest.settings());

        assertThat(rows).extracting(r -> r.districtId).containsExactly("e", "outside", "w");
        DistrictDayRow east = rows.get(0);
        assertThat(east.districtName).isEqualTo("East");
        assertThat(east.binsEmptied).isEqualTo(2);
        assertThat(east.bins).isEqualTo(2);
        assertThat(east.kg).isEqualTo(25.0);
        assertThat(east.meanFill).isEqualTo(1.0); // c reports no level: only b counts
        assertThat(east.lowFillShare).isEqualTo(0.0);
        assertThat(east.overflows).isEqualTo(1);

        DistrictDayRow outside = rows.get(1);
        assertThat(outside.districtName).isNull();
        assertThat(outside.binsEmptied).isEqualTo(2);
        assertThat(outside.kg).isEqualTo(6.0);
        assertThat(outside.meanFill).isCloseTo(0.3, within(1e-12)); // (0.5 + 0.1) / 2
        assertThat(outside.lowFillShare).isEqualTo(0.5); // 0.1 < 0.3

        DistrictDayRow west = rows.get(2);
        assertThat(west.binsEmptied).isEqualTo(2);
        assertThat(west.bins).isEqualTo(1);
        assertThat(west.kg).isEqualTo(40.0);
        assertThat(west.meanFill).isCloseTo(0.55, within(1e-12));
        assertThat(west.lowFillShare).isEqualTo(0.5);
        assertThat(west.overflows).isZero();
        assertThat(rows).allMatch(r -> r.day == 20_000);
    }

    @Test
    void aDistrictWhosePickupsReportNoLevelHasNoFill() {
        List<DistrictDayRow> rows =
                DistrictDays.of(
                        1,
                        List.of(BinEvent.pickup("c", "v2", 4_000, null, null, 12.5)),
                        assets(),
                        WasteKpiKnownAnswersTest.settings());
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).meanFill).isNull();
        assertThat(rows.get(0).lowFillShare).isNull();
        assertThat(rows.get(0).kg).isEqualTo(12.5);
    }
}
