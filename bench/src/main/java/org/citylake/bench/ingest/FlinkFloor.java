package org.citylake.bench.ingest;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.citylake.bench.stack.BenchStack;
import org.citylake.ingest.FeedMessage;
import org.citylake.ingest.IngestJob;
import org.citylake.ingest.kafka.FeedTopics;
import org.citylake.ingest.kafka.KafkaFeedSource;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.model.CityRegistry;
import org.citylake.model.Feed;

/**
 * The least a Flink job costs before it does any of the ingest job's work: the job's own Kafka
 * source (same topic, same deserializer, bounded, exactly-once checkpoints at the same interval) on
 * the same embedded MiniCluster, with nothing behind it but a counter, and optionally the one
 * shuffle every ingest job needs (dedup is keyed by sensor).
 *
 * <pre>
 *  Kafka city.traffic ─► FeedMessage ─► count ─► discard                       (read)
 *  Kafka city.traffic ─► FeedMessage ─► keyBy(source position) ─► count ─► discard   (read + shuffle)
 * </pre>
 *
 * No writer and no parser runs, so the CPU this job uses is added to the ceiling's and the
 * parsing's to give the least CPU any Flink job reading Kafka into these tables could use.
 */
final class FlinkFloor {

    /** What the floor job does after reading. */
    enum Shape {
        READ("Kafka → discard"),
        READ_AND_SHUFFLE("Kafka → keyed shuffle → discard");

        final String label;

        Shape(String label) {
            this.label = label;
        }
    }

    private FlinkFloor() {}

    /**
     * Runs the floor job once over all {@code expected} readings of the topic (its own consumer
     * group, from the earliest offset) and returns the same metrics as an ingest run.
     */
    static Map<String, Double> once(
            BenchStack stack,
            CityRegistry registry,
            int parallelism,
            Duration checkpointInterval,
            Shape shape,
            long expected,
            String runId)
            throws Exception {
        String group = "bench_floor_" + runId;
        LakeConfig lake = stack.lake(group);
        IngestJob.Plan plan =
                IngestBench.kafkaPlan(stack, registry, parallelism, checkpointInterval, group);
        KafkaFeedSource.Input input = plan.kafka();
        StreamExecutionEnvironment env = IngestJob.environment(lake, plan);
        DataStream<FeedMessage> messages =
                env.fromSource(
                                KafkaFeedSource.source(input, Feed.TRAFFIC.id()),
                                WatermarkStrategy.noWatermarks(),
                                "kafka " + FeedTopics.topic(Feed.TRAFFIC.id()))
                        .uid("source-kafka-" + Feed.TRAFFIC.id());
        if (shape == Shape.READ_AND_SHUFFLE) {
            messages =
                    messages.keyBy(m -> m.sourcePosition, Types.STRING)
                            .map(m -> m)
                            .returns(FeedMessage.class)
                            .name("keyed");
        }
        String counter = runId + "-" + shape;
        messages.map(new Count(counter)).name("count").sinkTo(new DiscardingSink<>());

        TimedJob job = TimedJob.run(stack, () -> env.executeAsync("citylake-bench-floor"));
        long seen = Count.take(counter);
        if (seen != expected) {
            throw new IllegalStateException(
                    "floor run " + runId + " read " + seen + " of " + expected + " readings");
        }
        return job.metrics(expected);
    }

    /**
     * Counts the messages it sees into a JVM-wide counter (the MiniCluster runs in this JVM), so
     * the run can check that it read every reading; a message without a payload fails the job.
     */
    static final class Count extends RichMapFunction<FeedMessage, Integer> {
        private static final Map<String, AtomicLong> COUNTS =
                new java.util.concurrent.ConcurrentHashMap<>();

        private final String name;
        private transient AtomicLong count;

        Count(String name) {
            this.name = name;
        }

        @Override
        public void open(OpenContext context) {
            count = COUNTS.computeIfAbsent(name, n -> new AtomicLong());
        }

        @Override
        public Integer map(FeedMessage message) {
            if (message.payload == null || message.payload.length == 0) {
                throw new IllegalStateException("empty message at " + message.sourcePosition);
            }
            count.incrementAndGet();
            return message.payload.length;
        }

        static long take(String name) {
            AtomicLong count = COUNTS.remove(name);
            return count == null ? 0 : count.get();
        }
    }
}
