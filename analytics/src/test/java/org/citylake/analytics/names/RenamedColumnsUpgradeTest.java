package org.citylake.analytics.names;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.PartitionSpecParser;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SchemaParser;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericAppenderFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.types.Types;
import org.citylake.analytics.traffic.TrafficTables;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.RefTableWriter;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.lakehouse.tables.TableRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lake made by the previous version, whose columns were named with Flink SQL reserved words,
 * upgrades in place on {@code lakehouse init}: columns renamed, every row kept, partitions still
 * pruned, a re-run still replaces the partitions written before, a second init changes nothing, and
 * Flink SQL reads the new names unquoted.
 *
 * <p>The previous version's schemas and partition specs are in {@code previous/} beside this class
 * (Iceberg JSON, as that version's registry defined them).
 */
class RenamedColumnsUpgradeTest {

    static final String RANKING = TrafficTables.CONGESTION_RANKING;
    static final String SEGMENT_DISTRICTS = "ref.segment_districts";

    /** Previous name → name now, per table. */
    static final Map<String, Map<String, String>> RENAMED =
            Map.of(
                    RANKING,
                    Map.of(
                            "period", TrafficTables.PERIOD_KIND,
                            "scope", TrafficTables.SCOPE_KIND,
                            "rank", TrafficTables.SCOPE_RANK),
                    SEGMENT_DISTRICTS,
                    Map.of("method", TableRegistry.ASSIGNMENT_METHOD));

    static final LocalDate MONDAY = LocalDate.of(2014, 8, 18);

    @TempDir Path dir;

    @Test
    void initRenamesReservedColumnsInPlaceKeepingEveryRowAndPartition() throws Exception {
        try (Lake lake = Lake.open(LakeConfig.embedded(dir))) {
            Table ranking = createPrevious(lake, RANKING);
            Table districts = createPrevious(lake, SEGMENT_DISTRICTS);
            // one file per (city, period, period_start) partition, as the job writes them
            List<Map<String, Object>> day =
                    List.of(
                            ranking("day", MONDAY, "segment", "AAR_BT_0033", 1, 3.7),
                            ranking("day", MONDAY, "segment", "AAR_BT_0001", 2, 1.4),
                            ranking("day", MONDAY, "city", "aarhus", 1, 1.22));
            List<Map<String, Object>> week =
                    List.of(
                            ranking("week", MONDAY, "segment", "AAR_BT_0033", 1, 2.9),
                            ranking("week", MONDAY, "city", "aarhus", 1, 1.18));
            List<Map<String, Object>> tuesday =
                    List.of(ranking("day", MONDAY.plusDays(1), "city", "aarhus", 1, 1.25));
            List<Map<String, Object>> assigned =
                    List.of(
                            segmentDistrict(
                                    "AAR_BT_0033", "12", "Midtbyen", 0.93, "length-overlap"),
                            segmentDistrict("AAR_BT_0001", "outside", "outside", 0.0, "outside"));
            RefTableWriter.append(ranking, records(ranking, day));
            RefTableWriter.append(ranking, records(ranking, week));
            RefTableWriter.append(ranking, records(ranking, tuesday));
            RefTableWriter.replaceCity(districts, "aarhus", records(districts, assigned));
            Map<String, Long> snapshots = new LinkedHashMap<>();
            Map<String, Map<String, Integer>> ids = new LinkedHashMap<>();
            for (String name : RENAMED.keySet()) {
                Table table = lake.table(name);
                snapshots.put(name, table.currentSnapshot().snapshotId());
                Map<String, Integer> byName = new LinkedHashMap<>();
                RENAMED.get(name)
                        .keySet()
                        .forEach(old -> byName.put(old, table.schema().findField(old).fieldId()));
                ids.put(name, byName);
            }

            List<String> created = lake.init();

            assertThat(created)
                    .doesNotContain(RANKING, SEGMENT_DISTRICTS)
                    .contains("clean.parking");
            for (String name : RENAMED.keySet()) {
                Table table = lake.table(name);
                RENAMED.get(name)
                        .forEach(
                                (old, now) -> {
                                    assertThat(table.schema().findField(old))
                                            .as("%s.%s", name, old)
                                            .isNull();
                                    assertThat(table.schema().findField(now).fieldId())
                                            .as("%s.%s keeps the field id of %s", name, now, old)
                                            .isEqualTo(ids.get(name).get(old));
                                });
                assertThat(table.schema().asStruct())
                        .as("%s has the schema of a new lake", name)
                        .isEqualTo(TableRegistry.get().table(name).schema().asStruct());
                assertThat(table.currentSnapshot().snapshotId())
                        .as("%s: a rename rewrites no data and commits no snapshot", name)
                        .isEqualTo(snapshots.get(name));
            }
            ranking = lake.table(RANKING);
            assertThat(rows(ranking, Expressions.alwaysTrue()))
                    .containsExactlyInAnyOrderElementsOf(
                            renamed(RANKING, concat(day, week, tuesday)));
            assertThat(rows(lake.table(SEGMENT_DISTRICTS), Expressions.alwaysTrue()))
                    .containsExactlyInAnyOrderElementsOf(renamed(SEGMENT_DISTRICTS, assigned));

            // the partition spec is untouched: its field keeps the name it was created with
            // and follows the renamed column by id (see partitionFieldsKeepTheirNames...)
            assertThat(ranking.spec().specId()).isZero();
            assertThat(ranking.specs()).hasSize(1);
            assertThat(ranking.spec().fields())
                    .extracting(
                            PartitionField::name,
                            f -> lake.table(RANKING).schema().findColumnName(f.sourceId()))
                    .containsExactly(
                            tuple("city", "city"),
                            tuple("period", TrafficTables.PERIOD_KIND),
                            tuple("period_start", "period_start"));
            // filters on the renamed column still prune the files written before the rename
            assertThat(files(ranking, Expressions.equal(TrafficTables.PERIOD_KIND, "week")))
                    .isEqualTo(1);
            assertThat(files(ranking, Expressions.equal(TrafficTables.PERIOD_KIND, "day")))
                    .isEqualTo(2);
            assertThat(
                            files(
                                    ranking,
                                    Expressions.and(
                                            Expressions.equal(TrafficTables.PERIOD_KIND, "day"),
                                            Expressions.equal(
                                                    "period_start",
                                                    MONDAY.plusDays(1).toString()))))
                    .isEqualTo(1);
            assertThat(rows(ranking, Expressions.equal(TrafficTables.PERIOD_KIND, "week")))
                    .containsExactlyInAnyOrderElementsOf(renamed(RANKING, week));

            // a second init changes nothing: no metadata commit on any upgraded table
            Map<String, String> metadata = metadataFiles(lake);
            assertThat(lake.init()).isEmpty();
            assertThat(metadataFiles(lake)).isEqualTo(metadata);

            flinkSqlReadsTheNewNamesUnquoted(lake.config());

            // a re-run of a day ranked before the upgrade still replaces that day's partition
            List<Map<String, Object>> rerun =
                    renamed(RANKING, List.of(ranking("day", MONDAY, "city", "aarhus", 1, 1.21)));
            DataFile file = write(ranking, records(ranking, rerun));
            ranking.newReplacePartitions().addFile(file).commit();
            assertThat(rows(lake.table(RANKING), Expressions.alwaysTrue()))
                    .containsExactlyInAnyOrderElementsOf(
                            concat(rerun, renamed(RANKING, concat(week, tuesday))));
        }
    }

    /**
     * Why {@code init} leaves partition fields named as they were: renaming one makes a new spec,
     * and {@code ReplacePartitions} (every batch job's commit) then leaves the older spec's files
     * of the same partition in place, so a re-run would double the rows.
     */
    @Test
    void partitionFieldsKeepTheirNamesSinceARenamedFieldStopsReplacingOlderPartitions()
            throws Exception {
        try (Lake lake = Lake.open(LakeConfig.embedded(dir))) {
            Table ranking = createPrevious(lake, RANKING);
            List<Map<String, Object>> day =
                    List.of(ranking("day", MONDAY, "city", "aarhus", 1, 1.22));
            RefTableWriter.append(ranking, records(ranking, day));
            lake.init();
            ranking = lake.table(RANKING);

            ranking.updateSpec().renameField("period", TrafficTables.PERIOD_KIND).commit();

            assertThat(ranking.spec().specId()).isEqualTo(1);
            List<Map<String, Object>> rerun =
                    renamed(RANKING, List.of(ranking("day", MONDAY, "city", "aarhus", 1, 1.21)));
            ranking.newReplacePartitions()
                    .addFile(write(ranking, records(ranking, rerun)))
                    .commit();
            assertThat(rows(lake.table(RANKING), Expressions.alwaysTrue()))
                    .as("the file of spec 0 was not replaced")
                    .containsExactlyInAnyOrderElementsOf(concat(renamed(RANKING, day), rerun));
        }
    }

    private static void flinkSqlReadsTheNewNamesUnquoted(LakeConfig config) throws Exception {
        TableEnvironment sql = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        String options =
                config.catalogProperties().entrySet().stream()
                        .map(e -> "'" + e.getKey() + "'='" + e.getValue().replace("'", "''") + "'")
                        .collect(Collectors.joining(", "));
        sql.executeSql(
                "CREATE CATALOG `"
                        + config.catalogName()
                        + "` WITH ('type'='iceberg', "
                        + options
                        + ")");
        sql.useCatalog(config.catalogName());

        assertThat(
                        query(
                                sql,
                                "SELECT scope_kind, scope_id, scope_rank FROM gold.congestion_ranking"
                                        + " WHERE period_kind = 'day' AND period_start = DATE"
                                        + " '2014-08-18' ORDER BY scope_kind DESC, scope_rank"))
                .containsExactly(
                        List.of("segment", "AAR_BT_0033", "1"),
                        List.of("segment", "AAR_BT_0001", "2"),
                        List.of("city", "aarhus", "1"));
        // `ref` is still a Flink SQL keyword: the namespace is quoted (citylake sql does it)
        assertThat(
                        query(
                                sql,
                                "SELECT segment_id, assignment_method FROM `ref`.segment_districts"
                                        + " ORDER BY segment_id"))
                .containsExactly(
                        List.of("AAR_BT_0001", "outside"),
                        List.of("AAR_BT_0033", "length-overlap"));
        // what the issue was about: the former names did not parse
        assertThatThrownBy(() -> sql.executeSql("SELECT scope, rank FROM gold.congestion_ranking"))
                .hasMessageContaining("SQL parse failed");
    }

    private static List<List<String>> query(TableEnvironment sql, String query) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = sql.executeSql(query).collect()) {
            while (it.hasNext()) {
                Row row = it.next();
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < row.getArity(); i++) {
                    cells.add(String.valueOf(row.getField(i)));
                }
                rows.add(cells);
            }
        }
        return rows;
    }

    /** Creates {@code name} with the schema and partition spec the previous version gave it. */
    static Table createPrevious(Lake lake, String name) {
        TableIdentifier id = TableIdentifier.parse(name);
        Schema schema = SchemaParser.fromJson(resource("previous/" + name + ".schema.json"));
        PartitionSpec spec =
                PartitionSpecParser.fromJson(schema, resource("previous/" + name + ".spec.json"));
        Namespace namespace = id.namespace();
        SupportsNamespaces namespaces = (SupportsNamespaces) lake.catalog();
        if (!namespaces.namespaceExists(namespace)) {
            namespaces.createNamespace(namespace);
        }
        return lake.catalog()
                .createTable(id, schema, spec, TableRegistry.get().table(name).properties());
    }

    private static String resource(String path) {
        try (InputStream in = RenamedColumnsUpgradeTest.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A row of the previous gold.congestion_ranking, by its previous column names. */
    static Map<String, Object> ranking(
            String period, LocalDate start, String scope, String scopeId, int rank, double tti) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("city", "aarhus");
        row.put("period", period);
        row.put("period_start", start);
        row.put("period_end", start.plusDays(period.equals("week") ? 7 : 1));
        row.put("scope", scope);
        row.put("scope_id", scopeId);
        row.put("scope_name", scopeId.equals("aarhus") ? "Aarhus" : "segment " + scopeId);
        row.put("rank", rank);
        row.put("peak_tti", tti);
        row.put("congestion_pct", (tti - 1) * 100);
        row.put("band", tti < 1.5 ? "free" : tti < 2 ? "slow" : "congested");
        row.put("delay_vehicle_hours", rank * 1.5);
        row.put("vehicles", 550L * rank);
        row.put("vehicle_km", 300.0 / rank);
        row.put("length_km", 0.55);
        row.put("segments", scope.equals("city") ? 449 : 1);
        row.put("peak_readings", 96);
        row.put("outlier_readings", rank - 1);
        row.put("days_with_data", period.equals("week") ? 5 : 1);
        return row;
    }

    /** A row of the previous ref.segment_districts, by its previous column names. */
    static Map<String, Object> segmentDistrict(
            String segment, String district, String name, double share, String method) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("city", "aarhus");
        row.put("segment_id", segment);
        row.put("district_id", district);
        row.put("district_name", name);
        row.put("share_in_district", share);
        row.put("method", method);
        return row;
    }

    /** The same rows by the names the columns have now. */
    static List<Map<String, Object>> renamed(String table, List<Map<String, Object>> rows) {
        Map<String, String> names = RENAMED.get(table);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            Map<String, Object> now = new LinkedHashMap<>();
            row.forEach((column, value) -> now.put(names.getOrDefault(column, column), value));
            out.add(now);
        }
        return out;
    }

    @SafeVarargs
    static List<Map<String, Object>> concat(List<Map<String, Object>>... parts) {
        List<Map<String, Object>> all = new ArrayList<>();
        for (List<Map<String, Object>> part : parts) {
            all.addAll(part);
        }
        return all;
    }

    static List<Record> records(Table table, List<Map<String, Object>> rows) {
        List<Record> records = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            Record record = GenericRecord.create(table.schema());
            row.forEach(record::setField);
            records.add(record);
        }
        return records;
    }

    /** Every row matching {@code filter}, column name → value, by the table's current names. */
    static List<Map<String, Object>> rows(Table table, Expression filter) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (CloseableIterable<Record> records =
                IcebergGenerics.read(table).where(filter).build()) {
            for (Record record : records) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (Types.NestedField field : table.schema().columns()) {
                    row.put(field.name(), record.getField(field.name()));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** Data files a scan with {@code filter} plans: what partition pruning leaves. */
    static int files(Table table, Expression filter) throws IOException {
        int files = 0;
        try (CloseableIterable<FileScanTask> tasks = table.newScan().filter(filter).planFiles()) {
            for (FileScanTask ignored : tasks) {
                files++;
            }
        }
        return files;
    }

    static Map<String, String> metadataFiles(Lake lake) {
        Map<String, String> files = new LinkedHashMap<>();
        for (String name : RENAMED.keySet()) {
            files.put(
                    name,
                    ((HasTableOperations) lake.table(name))
                            .operations()
                            .current()
                            .metadataFileLocation());
        }
        return files;
    }

    /** One data file of {@code records}, which share a partition, in the table's current spec. */
    static DataFile write(Table table, List<Record> records) throws IOException {
        PartitionKey partition = new PartitionKey(table.spec(), table.schema());
        partition.partition(
                new InternalRecordWrapper(table.schema().asStruct()).wrap(records.get(0)));
        OutputFileFactory files =
                OutputFileFactory.builderFor(table, 1, System.nanoTime())
                        .operationId(UUID.randomUUID().toString())
                        .format(FileFormat.PARQUET)
                        .build();
        DataWriter<Record> writer =
                new GenericAppenderFactory(table.schema(), table.spec())
                        .newDataWriter(
                                files.newOutputFile(partition), FileFormat.PARQUET, partition);
        try (writer) {
            for (Record record : records) {
                writer.write(record);
            }
        }
        return writer.toDataFile();
    }
}
