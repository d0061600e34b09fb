package org.citylake.ingest;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.table.data.RowData;
import org.apache.flink.util.OutputTag;
import org.apache.iceberg.flink.CatalogLoader;
import org.citylake.ingest.dedup.Deduplicate;
import org.citylake.ingest.rows.LakeRows;
import org.citylake.lakehouse.sink.LakeSink;
import org.citylake.lakehouse.tables.TableRegistry;
import org.citylake.model.EntityType;
import org.citylake.model.Feed;

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
            Map<Feed, DataStream<FeedMessage>> sources,
            IngestSettings settings,
            CatalogLoader catalog,
            boolean batch) {
        int p = settings.parallelism();
        List<DataStream<RowData>> deadLetters = new ArrayList<>();
        for (Map.Entry<Feed, DataStream<FeedMessage>> entry : sources.entrySet()) {
            Feed feed = entry.getKey();
            DataStream<FeedMessage> messages = entry.getValue();

            DataStream<RowData> raw =
                    messages.map(LakeRows::raw)
                            .returns(LakeRows.typeInfo(feed.rawTable()))
                            .name("raw rows " + feed.id())
                            .uid("raw-rows-" + feed.id())
                            .setParallelism(p);
            LakeSink.append(raw, catalog, feed.rawTable(), "sink-" + feed.rawTable(), p);

            Map<EntityType, OutputTag<Tuple2<RowData, String>>> tags =
                    new EnumMap<>(EntityType.class);
            feed.entityTypes().forEach(t -> tags.put(t, ParseAndValidate.cleanTag(t)));
            SingleOutputStreamOperator<RowData> parsed =
                    messages.process(new ParseAndValidate(feed, settings, catalog, tags))
                            .returns(LakeRows.typeInfo(TableRegistry.DEAD_LETTER))
                            .name("parse " + feed.id())
                            .uid("parse-" + feed.id())
                            .setParallelism(p);
            deadLetters.add(parsed);

            for (EntityType type : feed.entityTypes()) {
                String table = type.cleanTable();
                SingleOutputStreamOperator<RowData> unique =
                        parsed.getSideOutput(tags.get(type))
                                .assignTimestampsAndWatermarks(eventTime(type, settings))
                                .name("event time " + table)
                                .uid("event-time-" + table)
                                .setParallelism(p)
                                .keyBy(Deduplicate.keySelector(type))
                                .process(new Deduplicate(type, settings, catalog, !batch))
                                .returns(LakeRows.typeInfo(table))
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

    static WatermarkStrategy<Tuple2<RowData, String>> eventTime(
            EntityType type, IngestSettings settings) {
        int observed = LakeRows.index(type, TableRegistry.OBSERVED_AT);
        return WatermarkStrategy.<Tuple2<RowData, String>>forBoundedOutOfOrderness(
                        settings.maxOutOfOrderness())
                .withTimestampAssigner(
                        (value, previous) -> value.f0.getTimestamp(observed, 6).getMillisecond())
                .withIdleness(settings.idleness());
    }
}
