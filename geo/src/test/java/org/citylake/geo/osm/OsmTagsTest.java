package org.citylake.geo.osm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class OsmTagsTest {

    @Test
    void widthsInMetresFeetOrBareNumbers() {
        assertThat(OsmTags.widthMeters("7")).hasValue(7.0);
        assertThat(OsmTags.widthMeters("7.5")).hasValue(7.5);
        assertThat(OsmTags.widthMeters("7,5")).hasValue(7.5);
        assertThat(OsmTags.widthMeters("7 m")).hasValue(7.0);
        assertThat(OsmTags.widthMeters(" 12m ")).hasValue(12.0);
        assertThat(OsmTags.widthMeters("6 metres")).hasValue(6.0);
        // 1 ft = 0.3048 m exactly
        assertThat(OsmTags.widthMeters("20 ft").getAsDouble()).isCloseTo(6.096, within(1e-9));
        assertThat(OsmTags.widthMeters("20'").getAsDouble()).isCloseTo(6.096, within(1e-9));
        assertThat(OsmTags.widthMeters("10'6\"").getAsDouble()).isCloseTo(3.2004, within(1e-9));
    }

    @Test
    void unreadableWidthsAreAbsent() {
        assertThat(OsmTags.widthMeters(null)).isEmpty();
        assertThat(OsmTags.widthMeters("narrow")).isEmpty();
        assertThat(OsmTags.widthMeters("5-7")).isEmpty();
        assertThat(OsmTags.widthMeters("6;8")).isEmpty();
        assertThat(OsmTags.widthMeters("0")).isEmpty();
        assertThat(OsmTags.widthMeters("")).isEmpty();
    }

    @Test
    void lanesAreWholeNumbersOnly() {
        assertThat(OsmTags.lanes("2")).hasValue(2);
        assertThat(OsmTags.lanes(" 4 ")).hasValue(4);
        assertThat(OsmTags.lanes("2;3")).isEmpty();
        assertThat(OsmTags.lanes("1.5")).isEmpty();
        assertThat(OsmTags.lanes("0")).isEmpty();
        assertThat(OsmTags.lanes(null)).isEmpty();
    }
}
