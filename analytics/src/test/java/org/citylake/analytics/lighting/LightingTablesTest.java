package org.citylake.analytics.lighting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.iceberg.PartitionField;
import org.citylake.lakehouse.tables.TableDef;
import org.citylake.lakehouse.tables.TableRegistry;
import org.junit.jupiter.api.Test;

/**
 * The lighting gold tables join the lake's table registry, partitioned for whole-night replaces.
 */
class LightingTablesTest {

    @Test
    void theRegistryHoldsTheLightingTablesPartitionedByCityAndNightOrPeriod() {
        for (String name : List.of(LightingTables.ENERGY, LightingTables.FAULTS)) {
            TableDef def = TableRegistry.get().table(name);
            assertThat(def.spec().fields())
                    .extracting(PartitionField::name)
                    .as(name)
                    .containsExactly("city", "night");
            assertThat(def.spec().fields()).allMatch(f -> f.transform().isIdentity());
        }
        assertThat(TableRegistry.get().table(LightingTables.INDICATOR).spec().fields())
                .extracting(PartitionField::name)
                .containsExactly("city", "period_from");
    }

    @Test
    void theFaultTypesAreTheSharedOnesAndTheRowsFitTheSchemas() {
        TableDef faults = TableRegistry.get().table(LightingTables.FAULTS);
        assertThat(faults.schema().columns()).hasSize(18);
        assertThat(TableRegistry.get().table(LightingTables.ENERGY).schema().columns()).hasSize(18);
        assertThat(TableRegistry.get().table(LightingTables.INDICATOR).schema().columns())
                .hasSize(13);
        assertThat(faults.schema().findField("fault_type").doc()).contains("LightingFault");
    }
}
