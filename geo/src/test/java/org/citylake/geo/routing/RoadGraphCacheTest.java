package org.citylake.geo.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoadGraphCacheTest {

    @TempDir Path dir;

    @Test
    void oneDirectoryPerExtractPathUnderTheTemporaryDirectory() {
        Path a = RoadGraphCache.dirFor(Path.of("x", "city.osm.pbf"));
        assertThat(a).isEqualTo(RoadGraphCache.dirFor(Path.of("x", ".", "city.osm.pbf")));
        assertThat(a).isNotEqualTo(RoadGraphCache.dirFor(Path.of("y", "city.osm.pbf")));
        assertThat(a.getParent())
                .isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), RoadGraphCache.FOLDER));
        assertThat(a.getFileName().toString()).startsWith("city.osm.pbf-");
    }

    @Test
    void aSecondOpenReusesTheGraphAndAChangedExtractIsRebuilt() throws Exception {
        Path osm = dir.resolve("town.osm");
        Files.copy(RiverTown.osm(), osm);
        RoadNetwork.Options options = RoadNetwork.Options.defaults().withMinNetworkSize(0);
        try (RoadNetwork first = RoadGraphCache.open(osm, options)) {
            assertThat(first.graphDir()).isEqualTo(RoadGraphCache.dirFor(osm));
        }
        double meters;
        try (RoadNetwork second = RoadGraphCache.open(osm, options)) {
            assertThat(second.reusedGraph()).isTrue();
            meters = second.matrix(java.util.List.of(RiverTown.H, RiverTown.I)).meters(0, 1);
        }
        assertThat(Files.isDirectory(RoadGraphCache.dirFor(osm))).isTrue();
        // the same path, other content: not reused
        Files.writeString(osm, Files.readString(osm).replace("<osm ", "<osm  "));
        try (RoadNetwork third = RoadGraphCache.open(osm, options)) {
            assertThat(third.reusedGraph()).isFalse();
            assertThat(third.matrix(java.util.List.of(RiverTown.H, RiverTown.I)).meters(0, 1))
                    .isEqualTo(meters);
        } finally {
            try (var files = Files.walk(RoadGraphCache.dirFor(osm))) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
