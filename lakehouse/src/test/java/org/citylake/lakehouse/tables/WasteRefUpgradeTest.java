package org.citylake.lakehouse.tables;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.RefTableWriter;
import org.citylake.lakehouse.config.LakeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lake whose {@code ref.waste_containers} predates the placement columns (street,
 * collection_round, network_street, network_way_id) gains them on {@code lakehouse init}, keeping
 * its rows; the new waste ref tables are created.
 */
class WasteRefUpgradeTest {

    static final List<String> NEW_COLUMNS =
            List.of("street", "collection_round", "network_street", "network_way_id");

    @TempDir Path dir;

    @Test
    void initAddsThePlacementColumnsInPlaceAndTheFleetTables() throws Exception {
        LakeConfig config = LakeConfig.embedded(dir);
        try (Lake lake = Lake.open(config)) {
            lake.init();
            Table bins = lake.table("ref.waste_containers");
            var update = bins.updateSchema();
            NEW_COLUMNS.forEach(update::deleteColumn);
            update.commit();
            GenericRecord row = GenericRecord.create(bins.schema());
            row.setField("city", "edinburgh");
            row.setField("id", "urn:ngsi-ld:WasteContainer:edinburgh:325048");
            row.setField("capacity_l", 480.0);
            RefTableWriter.replaceCity(bins, "edinburgh", List.of(row));
            for (String t :
                    List.of("ref.waste_vehicles", "ref.waste_depots", "ref.disposal_sites")) {
                lake.catalog().dropTable(lake.registry().table(t).id());
            }
        }
        try (Lake lake = Lake.open(config)) {
            List<String> changes = new ArrayList<>();
            assertThat(lake.init(changes::add))
                    .containsExactlyInAnyOrder(
                            "ref.waste_vehicles", "ref.waste_depots", "ref.disposal_sites");
            assertThat(changes)
                    .containsExactly(
                            "ref.waste_containers: added street (string)",
                            "ref.waste_containers: added collection_round (string)",
                            "ref.waste_containers: added network_street (string)",
                            "ref.waste_containers: added network_way_id (long)");
            List<Record> rows = new ArrayList<>();
            try (CloseableIterable<Record> read =
                    IcebergGenerics.read(lake.table("ref.waste_containers")).build()) {
                read.forEach(rows::add);
            }
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).getField("capacity_l")).isEqualTo(480.0);
            assertThat(rows.get(0).getField("street")).isNull();
            List<String> again = new ArrayList<>();
            assertThat(lake.init(again::add)).isEmpty();
            assertThat(again).isEmpty();
        }
    }
}
