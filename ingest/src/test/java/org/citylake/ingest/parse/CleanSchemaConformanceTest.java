package org.citylake.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citylake.ingest.parse.ParserFixtures.accepted;
import static org.citylake.ingest.parse.ParserFixtures.ngsiLd;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.citylake.lakehouse.tables.TableRegistry;
import org.citylake.model.EntityType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the parser emits fits the clean tables: for every entity type a fully populated payload
 * emits exactly the type's measure columns (the clean schema minus the columns the pipeline adds),
 * each with the Java type of its Iceberg type.
 */
class CleanSchemaConformanceTest {

    /** Clean-table columns the pipeline fills, not the parser. */
    private static final Set<String> PIPELINE_COLUMNS =
            Set.of(
                    TableRegistry.CITY,
                    TableRegistry.ENTITY_ID,
                    TableRegistry.OBSERVED_AT,
                    TableRegistry.IS_LATE,
                    TableRegistry.SOURCE_POSITION,
                    TableRegistry.INGESTED_AT);

    private static Schema cleanSchema(EntityType type) {
        return TableRegistry.get().table(type.cleanTable()).schema();
    }

    private static List<String> measureColumns(EntityType type) {
        return cleanSchema(type).columns().stream()
                .map(Types.NestedField::name)
                .filter(name -> !PIPELINE_COLUMNS.contains(name))
                .toList();
    }

    @ParameterizedTest
    @EnumSource(EntityType.class)
    void fullyPopulatedPayloadEmitsExactlyTheMeasureColumns(EntityType type) {
        ParsedReading reading = accepted(type.feed(), ngsiLd(type));

        assertThat(reading.type()).isEqualTo(type.descriptor());
        assertThat(reading.values().keySet())
                .containsExactlyInAnyOrderElementsOf(measureColumns(type));
        assertThat(reading.values()).containsEntry(type.sensorColumn(), reading.sensorId());
    }

    @ParameterizedTest
    @EnumSource(EntityType.class)
    void everyValueHasTheJavaTypeOfItsIcebergColumn(EntityType type) {
        ParsedReading reading = accepted(type.feed(), ngsiLd(type));
        Schema schema = cleanSchema(type);

        for (Map.Entry<String, Object> value : reading.values().entrySet()) {
            Types.NestedField column = schema.findField(value.getKey());
            assertThat(column).as("column %s of %s", value.getKey(), type.cleanTable()).isNotNull();
            assertThat(value.getValue())
                    .as("%s.%s (%s)", type.cleanTable(), column.name(), column.type())
                    .isInstanceOf(javaType(column.type()));
        }
    }

    @Test
    void theSensorColumnIsAMeasureColumnOfEveryType() {
        for (EntityType type : EntityType.values()) {
            assertThat(measureColumns(type)).as(type.name()).contains(type.sensorColumn());
        }
    }

    private static Class<?> javaType(Type type) {
        return switch (type.typeId()) {
            case STRING -> String.class;
            case INTEGER -> Integer.class;
            case LONG -> Long.class;
            case DOUBLE -> Double.class;
            case BOOLEAN -> Boolean.class;
            case TIMESTAMP -> {
                assertThat(((Types.TimestampType) type).shouldAdjustToUTC())
                        .as("timestamps are TimestampType.withZone")
                        .isTrue();
                yield Instant.class;
            }
            default -> throw new AssertionError("no parser mapping for Iceberg type " + type);
        };
    }
}
