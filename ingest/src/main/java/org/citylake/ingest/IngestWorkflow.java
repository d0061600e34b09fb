package org.citylake.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.flink.CatalogLoader;
import org.citylake.ingest.dedup.Deduplicate;
import org.citylake.ingest.rows.CleanTable;
import org.citylake.ingest.rows.LakeRows;
import org.citylake.lakehouse.sink.LakeSink;
import org.citylake.lakehouse.tables.TableRegistry;
import org.citylake.model.feed.EntityDescriptor;
import org.citylake.model.feed.FeedDescriptor;

/**
 * The ingest pipeline, the same for streaming (Kafka, paced replay) and bounded replay/backfill:
 *
 * <pre>
 *  source(feed) ─┬─► raw rows ─────────────────────────────────────────► raw.&lt;feed&gt;
 *                └─► parse + validate + known sensor ─┬─► [per entity type]
 *                                                     │     event time ─► dedup ─► clean.&lt;entity&gt;
 *                                                     │                     └ duplicates ─┐
 *                                                     └─ rejected ────────────────────────┴─► ops.dead_letter
 * </pre>
 *
 * Every sink commits on checkpoint completion, exactly once, with the watermark in the snapshot.
 */
public final class IngestWorkflow {

    private IngestWorkflow() {}

    /**
     * @param batch a bounded backfill in batch mode: readings are not flagged late
     */
    public static void define(
            Map<String, DataStream<FeedMessage>> sources,
            IngestSettings settings,
            CatalogLoader catalog,
            boolean batch) {
        int p = settings.parallelism();
        Map<String, CleanTable> tables = cleanTables(sources.keySet(), settings, catalog);
        List<DataStream<RowData>> deadLetters = new ArrayList<>();
        for (Map.Entry<String, DataStream<FeedMessage>> entry : sources.entrySet()) {
            FeedDescriptor feed = settings.feed(entry.getKey());
            DataStream<FeedMessage> messages = entry.getValue();

            DataStream<RowData> raw =
                    messages.map(LakeRows::raw)
                            .returns(LakeRows.rawTypeInfo())
                            .name("raw rows " + feed.id())
                            .uid("raw-rows-" + feed.id())
                            .setParallelism(p);
            LakeSink.append(raw, catalog, feed.rawTable(), "sink-" + feed.rawTable(), p);

            Map<String, CleanTable> feedTables = new LinkedHashMap<>();
            feed.entityTypes().forEach(t -> feedTables.put(t, tables.get(t)));
            SingleOutputStreamOperator<RowData> parsed =
                    messages.process(new ParseAndValidate(feed, settings, catalog, feedTables))
                            .returns(LakeRows.typeInfo(TableRegistry.DEAD_LETTER))
                            .name("parse " + feed.id())
                            .uid("parse-" + feed.id())
                            .setParallelism(p);
            deadLetters.add(parsed);

            for (CleanTable type : feedTables.values()) {
                String table = type.name();
                SingleOutputStreamOperator<RowData> unique =
                        parsed.getSideOutput(ParseAndValidate.cleanTag(type))
                                .assignTimestampsAndWatermarks(eventTime(type, settings))
                                .name("event time " + table)
                                .uid("event-time-" + table)
                                .setParallelism(p)
                                .keyBy(Deduplicate.keySelector(type))
                                .process(new Deduplicate(type, settings, catalog, !batch))
                                .returns(type.typeInfo())
                                .name("dedup " + table)
                                .uid("dedup-" + table)
                                .setParallelism(p);
                deadLetters.add(unique.getSideOutput(Deduplicate.DUPLICATES));
                LakeSink.append(
                        unique, catalog, table, "sink-" + table, p, settings.maxOutOfOrderness());
            }
        }
        DataStream<RowData> allRejects = deadLetters.get(0);
        if (deadLetters.size() > 1) {
            allRejects =
                    allRejects.union(
                            deadLetters.subList(1, deadLetters.size()).toArray(DataStream[]::new));
        }
        LakeSink.append(
                allRejects,
                catalog,
                TableRegistry.DEAD_LETTER,
                "sink-" + TableRegistry.DEAD_LETTER,
                p);
    }

    /**
     * The clean tables of the feeds' entity types as they are in the lake now (an evolved table is
     * written in its own column order).
     */
    static Map<String, CleanTable> cleanTables(
            Iterable<String> feeds, IngestSettings settings, CatalogLoader loader) {
        Map<String, CleanTable> tables = new LinkedHashMap<>();
        Catalog catalog = loader.loadCatalog();
        try {
            for (String id : feeds) {
                FeedDescriptor feed = settings.feed(id);
                for (EntityDescriptor entity : feed.entities()) {
                    tables.put(entity.type(), CleanTable.load(catalog, feed.id(), entity));
                }
            }
        } finally {
            if (catalog instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    // closing a catalog only releases connections
                }
            }
        }
        return tables;
    }

    static WatermarkStrategy<Tuple2<RowData, byte[]>> eventTime(
            CleanTable type, IngestSettings settings) {
        int observed = type.index(TableRegistry.OBSERVED_AT);
        return WatermarkStrategy.<Tuple2<RowData, byte[]>>forBoundedOutOfOrderness(
                        settings.maxOutOfOrderness())
                .withTimestampAssigner(
                        (value, previous) -> value.f0.getTimestamp(observed, 6).getMillisecond())
                .withIdleness(settings.idleness());
    }
}
