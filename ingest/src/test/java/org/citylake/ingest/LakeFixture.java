package org.citylake.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.flink.core.execution.JobClient;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.citylake.ingest.source.ReplayFile;
import org.citylake.lakehouse.CityTable;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.lakehouse.tables.TableRegistry;
import org.citylake.model.CityRegistry;
import org.citylake.ref.RefLoader;

/** An embedded lake in a temporary directory, with helpers to run ingest and read tables. */
final class LakeFixture {

    final LakeConfig config;

    LakeFixture(Path dir) {
        this.config = LakeConfig.embedded(dir);
        try (Lake lake = Lake.open(config)) {
            lake.init();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    void loadRef(Path feedsDir) throws Exception {
        try (Lake lake = Lake.open(config)) {
            RefLoader.loadAll(lake, feedsDir);
        }
    }

    /** A file replay plan with the cities the lake has registered. */
    IngestJob.Plan plan(
            Map<String, List<ReplayFile>> replay,
            double rate,
            Duration checkpoint,
            String restore) {
        return new IngestJob.Plan(
                replay, IngestSettings.defaults(cities()), checkpoint, rate, false, restore);
    }

    CityRegistry cities() {
        try (Lake lake = Lake.open(config)) {
            return CityTable.read(lake);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    JobClient submit(IngestJob.Plan plan) throws Exception {
        return IngestJob.submit(config, plan);
    }

    void run(IngestJob.Plan plan) throws Exception {
        submit(plan).getJobExecutionResult().get();
    }

    <T> List<T> read(String table, Function<Record, T> f, String... columns) {
        try (Lake lake = Lake.open(config)) {
            Table t = lake.table(table);
            List<T> out = new ArrayList<>();
            try (CloseableIterable<Record> rows = IcebergGenerics.read(t).select(columns).build()) {
                rows.forEach(r -> out.add(f.apply(r)));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    long count(String table) {
        return read(table, r -> 1, TableRegistry.CITY).size();
    }

    /** source_position → reason of every dead letter. */
    Map<String, String> deadLetterReasons() {
        Map<String, String> out = new HashMap<>();
        read(
                TableRegistry.DEAD_LETTER,
                r -> out.put((String) r.getField("source_position"), (String) r.getField("reason")),
                "source_position",
                "reason");
        return out;
    }

    Map<String, Long> deadLettersByReason() {
        Map<String, Long> out = new HashMap<>();
        read(TableRegistry.DEAD_LETTER, r -> r.getField("reason"), "reason")
                .forEach(reason -> out.merge((String) reason, 1L, Long::sum));
        return out;
    }
}
