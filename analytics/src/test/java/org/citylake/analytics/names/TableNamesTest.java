package org.citylake.analytics.names;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.citylake.analytics.parking.ParkingTables;
import org.citylake.analytics.traffic.TrafficTables;
import org.citylake.lakehouse.tables.TableDef;
import org.citylake.lakehouse.tables.TableRegistry;
import org.citylake.model.feed.FeedCatalog;
import org.junit.jupiter.api.Test;

/**
 * Names analysts can type: no namespace, table, column (nested ones too) or partition field of the
 * lake is a reserved word of Flink SQL ({@code citylake sql}) or Trino (the stack), so a query
 * never needs quotes around a name. The registry seen here holds the lakehouse tables and every
 * gold table that joins through the {@code TableSet} service (this module's class path).
 */
class TableNamesTest {

    /**
     * The two namespaces that are still Flink SQL keywords. Renaming a namespace moves every table
     * in it and every query naming it; until that is done {@code citylake sql} quotes them itself
     * ({@code SqlCommand.quoteReservedNamespaces}). Nothing may join this list.
     */
    static final Set<String> KNOWN_RESERVED_NAMESPACES =
            Set.of("namespace raw: reserved in Flink SQL", "namespace ref: reserved in Flink SQL");

    /**
     * The registry of a lake with every descriptor the project ships: the built-in feeds and those
     * of the project's feed folder (the repository's {@code feeds/}).
     */
    static List<TableDef> everyTable() {
        return TableRegistry.of(FeedCatalog.load(List.of(Path.of("..", "feeds")))).all();
    }

    @Test
    void noNameInTheLakeIsAReservedWordOfFlinkSqlOrTrino() {
        Set<String> flink = ReservedWords.flink();
        Set<String> trino = ReservedWords.trino();
        List<String> offenders = new ArrayList<>();
        for (Identifier name : identifiers(everyTable())) {
            String word = name.name().toUpperCase(Locale.ROOT);
            if (flink.contains(word)) {
                offenders.add(name + ": reserved in Flink SQL");
            }
            if (trino.contains(word)) {
                offenders.add(name + ": reserved in Trino");
            }
        }
        assertThat(offenders).containsExactlyInAnyOrderElementsOf(KNOWN_RESERVED_NAMESPACES);
    }

    @Test
    void everyTableOfTheRegistryIsWalkedGoldTablesIncluded() {
        List<String> tables = everyTable().stream().map(TableDef::name).toList();
        assertThat(tables)
                .contains(
                        TrafficTables.CONGESTION_RANKING,
                        TrafficTables.SEGMENT_CONGESTION,
                        ParkingTables.FORECAST_SKILL,
                        "ref.segment_districts",
                        "clean.traffic_flow",
                        "clean.water_quality",
                        "clean.noise_level",
                        "ref.water_stations",
                        "raw.noise",
                        TableRegistry.DEAD_LETTER);
        List<Identifier> names = identifiers(TableRegistry.get().all());
        assertThat(names)
                .contains(
                        new Identifier("namespace", "gold", "gold"),
                        new Identifier("table", "gold.congestion_ranking", "congestion_ranking"),
                        new Identifier("column", "gold.congestion_ranking.peak_tti", "peak_tti"),
                        new Identifier("partition field", "gold.segment_congestion.city", "city"));
    }

    @Test
    void nestedColumnsAreWalkedByTheirOwnNames() {
        Types.StructType nested =
                Types.StructType.of(
                        Types.NestedField.optional(
                                1,
                                "readings",
                                Types.ListType.ofOptional(
                                        2,
                                        Types.StructType.of(
                                                Types.NestedField.optional(
                                                        3, "rank", Types.IntegerType.get())))),
                        Types.NestedField.optional(
                                4,
                                "by_lane",
                                Types.MapType.ofOptional(
                                        5,
                                        6,
                                        Types.StringType.get(),
                                        Types.StructType.of(
                                                Types.NestedField.optional(
                                                        7, "period", Types.StringType.get())))));
        List<Identifier> names = new ArrayList<>();
        columns("t", nested, names);
        assertThat(names)
                .extracting(Identifier::path)
                .containsExactly("t.readings", "t.readings.rank", "t.by_lane", "t.by_lane.period");
    }

    @Test
    void theListsComeFromTheEnginesAndKnowTheirKeywords() {
        assertThat(ReservedWords.flink())
                .as("read from Flink's parser")
                .hasSizeGreaterThan(250)
                .contains("SELECT", "RANK", "PERIOD", "SCOPE", "METHOD", "RAW", "REF", "VALUE")
                // non-reserved keywords of Flink SQL stay usable as names
                .doesNotContain("NAME", "STATUS", "JOB", "MODEL", "SEGMENT", "CITY");
        assertThat(ReservedWords.trino())
                .hasSize(82)
                .contains("SELECT", "AUTO", "SKIP", "LISTAGG", "JSON_TABLE", "CUBE")
                .doesNotContain("RANK", "PERIOD", "SCOPE", "METHOD", "RAW", "REF");
        assertThat(ReservedWords.trinoHeader())
                .anyMatch(l -> l.contains("io.trino:trino-parser:476"));
    }

    /** A name of the lake and where it is: kind, dotted path, the name itself. */
    record Identifier(String kind, String path, String name) {
        @Override
        public String toString() {
            return kind + " " + path;
        }
    }

    static List<Identifier> identifiers(List<TableDef> defs) {
        List<Identifier> names = new ArrayList<>();
        Set<String> namespaces = new java.util.TreeSet<>();
        for (TableDef def : defs) {
            for (String level : def.id().namespace().levels()) {
                if (namespaces.add(level)) {
                    names.add(new Identifier("namespace", level, level));
                }
            }
            String table = def.name();
            names.add(new Identifier("table", table, def.id().name()));
            columns(table, def.schema().asStruct(), names);
            for (PartitionField field : def.spec().fields()) {
                names.add(
                        new Identifier(
                                "partition field", table + "." + field.name(), field.name()));
            }
            for (Map.Entry<String, String> renamed : def.formerNames().entrySet()) {
                assertThat(def.schema().findField(renamed.getValue()))
                        .as("%s: renamed column %s", table, renamed.getValue())
                        .isNotNull();
            }
        }
        return names;
    }

    /** Every field of {@code type}, and of the structs inside its lists and maps. */
    static void columns(String parent, Type type, List<Identifier> names) {
        switch (type.typeId()) {
            case STRUCT -> {
                for (Types.NestedField field : type.asStructType().fields()) {
                    String path = parent + "." + field.name();
                    names.add(new Identifier("column", path, field.name()));
                    columns(path, field.type(), names);
                }
            }
            // element, key and value are Iceberg's names, never typed by a query
            case LIST -> columns(parent, type.asListType().elementType(), names);
            case MAP -> {
                columns(parent, type.asMapType().keyType(), names);
                columns(parent, type.asMapType().valueType(), names);
            }
            default -> {}
        }
    }
}
